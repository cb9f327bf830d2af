package io.pairstream.trainer.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.pairstream.trainer.batch.ImageFormat;
import io.pairstream.trainer.batch.MiniBatch;
import io.pairstream.trainer.batch.TrainingPair;
import io.pairstream.trainer.config.TrainingSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference online trainer: SimCLR on {@link SimClrNetwork} with DJL's PyTorch engine, one
 * mini-batch at a time, under the run's strategy. Every step's augmentations come from a random
 * generator seeded by the run's seed and the step number, and the optimiser's state is saved with
 * the weights, so a run resumed from a checkpoint takes the same steps an uninterrupted one would.
 */
public final class OnlineTrainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnlineTrainer.class);
    private static final String WEIGHTS_FILE = "network.params";
    private static final String OPTIMISER_FILE = "optimiser.ndlist";
    private static final float WEIGHT_DECAY = 1e-5f;
    private static final int EMBEDDING_BATCH = 256;

    private final TrainingSettings settings;
    private final ImageFormat format;
    private final Augmenter augmenter;
    private final ContrastiveObjective objective;
    private final Model model;
    private final SimClrNetwork network;
    private final ParameterStore parameters;
    private final ResumableAdam optimiser;

    public OnlineTrainer(TrainingSettings settings) {
        this.settings = settings;
        this.format = new ImageFormat(settings.imageSize(), settings.imageChannels());
        this.augmenter = new Augmenter(format);
        this.objective = new ContrastiveObjective(settings);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) settings.seed());
        this.network = new SimClrNetwork();
        this.model = Model.newInstance("simclr-" + settings.strategy().configName(), engine.getEngineName());
        model.setBlock(network.whole());
        network.whole().initialize(model.getNDManager(), DataType.FLOAT32, inputShape(2));
        attachGradients();
        this.parameters = new ParameterStore(model.getNDManager(), false);
        this.optimiser = new ResumableAdam(model.getNDManager(), settings.learningRate(), WEIGHT_DECAY);
    }

    public TrainingSettings settings() {
        return settings;
    }

    public ImageFormat imageFormat() {
        return format;
    }

    /** Steps completed, counted across resumes. */
    public long completedSteps() {
        return optimiser.steps();
    }

    /** One training step on {@code batch}: augment, forward, loss, backward, update. */
    public StepResult step(MiniBatch batch) {
        long number = completedSteps() + 1;
        int n = batch.size();
        int views = settings.strategy().trainsOnPositives() ? 3 : 2;
        int length = format.length();
        float[] input = new float[views * n * length];
        Random random = new Random(settings.seed() * 1_000_003L + number);
        List<TrainingPair> pairs = batch.pairs();
        for (int i = 0; i < n; i++) {
            augmenter.augment(pairs.get(i).anchorPixels(), random, input, i * length);
            augmenter.augment(pairs.get(i).anchorPixels(), random, input, (n + i) * length);
            if (views == 3) {
                augmenter.augment(pairs.get(i).positivePixels(), random, input, (2 * n + i) * length);
            }
        }
        float loss;
        ContrastiveObjective.Outcome outcome;
        try (NDManager scope = model.getNDManager().newSubManager();
             GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray images = scope.create(input, inputShape(views * n));
            NDArray projections = network.whole().forward(parameters, new NDList(images), true).head();
            outcome = objective.evaluate(projections, batch);
            collector.backward(outcome.loss());
            loss = outcome.loss().getFloat();
        }
        // A non-finite loss or gradient would spread into the weights, and a checkpoint would keep them:
        // such a step changes nothing, is counted, and the run goes on with the next batch.
        boolean updated = optimiser.step(network.whole().getParameters(), Float.isFinite(loss));
        if (!updated) {
            log.warn("Step {} ({} pairs) gave loss {} or a non-finite gradient; the weights were not updated", number, n, loss);
        }
        return BatchStatistics.of(number, loss, updated, batch, outcome);
    }

    /** The encoder's representations of plain (unaugmented) images, in evaluation mode. */
    public float[][] represent(List<float[]> images) {
        int length = format.length();
        float[][] out = new float[images.size()][];
        for (int from = 0; from < images.size(); from += EMBEDDING_BATCH) {
            int count = Math.min(EMBEDDING_BATCH, images.size() - from);
            float[] input = new float[count * length];
            for (int i = 0; i < count; i++) {
                augmenter.plain(images.get(from + i), input, i * length);
            }
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray features = network.encoder()
                        .forward(parameters, new NDList(scope.create(input, inputShape(count))), false).head();
                float[] flat = features.toFloatArray();
                int width = flat.length / count;
                for (int i = 0; i < count; i++) {
                    out[from + i] = new float[width];
                    System.arraycopy(flat, i * width, out[from + i], 0, width);
                }
            }
        }
        return out;
    }

    /** Writes the weights and the optimiser's state into {@code directory}. */
    public void save(Path directory) {
        Block block = network.whole();
        try (OutputStream weights = Files.newOutputStream(directory.resolve(WEIGHTS_FILE));
             DataOutputStream data = new DataOutputStream(weights);
             OutputStream state = Files.newOutputStream(directory.resolve(OPTIMISER_FILE))) {
            block.saveParameters(data);
            optimiser.save(state);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the trainer to " + directory, e);
        }
    }

    /** Restores what {@link #save} wrote. */
    public void load(Path directory) {
        try (InputStream weights = Files.newInputStream(directory.resolve(WEIGHTS_FILE));
             DataInputStream data = new DataInputStream(weights);
             InputStream state = Files.newInputStream(directory.resolve(OPTIMISER_FILE))) {
            network.whole().loadParameters(model.getNDManager(), data);
            attachGradients();
            optimiser.load(state);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("could not load the trainer from " + directory, e);
        }
    }

    @Override
    public void close() {
        optimiser.close();
        model.close();
    }

    /** Loaded or initialised arrays do not record gradients until told to. */
    private void attachGradients() {
        for (Pair<String, Parameter> p : network.whole().getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    private Shape inputShape(int count) {
        return new Shape(count, format.channels(), format.size(), format.size());
    }
}
