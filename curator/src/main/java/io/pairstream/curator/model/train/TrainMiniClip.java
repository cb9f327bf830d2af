package io.pairstream.curator.model.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pairstream.curator.dataset.EmojiEntry;
import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.dataset.LabelledImage;
import io.pairstream.curator.dataset.NotoEmoji;
import io.pairstream.curator.model.ImagePreprocessor;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.curator.model.MiniClipNetwork;
import io.pairstream.curator.model.MiniLm;
import io.pairstream.curator.model.OnnxTextEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the image tower of {@code pairstream-mini-clip} against the frozen MiniLM text tower
 * (locked-text tuning) with the CLIP loss, on the Fashion-MNIST train split and the emoji that are
 * not held out, and writes the tower's parameters where {@link MiniClip} loads them from.
 *
 * <p>Every batch is three quarters Fashion-MNIST and one quarter emoji, so the 1,700 emoji are not
 * drowned by 60,000 clothes; each item gets one of its captions at random. Seeded throughout.
 */
public final class TrainMiniClip {

    private static final Map<String, String> DEFAULTS = Map.of(
            "fashion", FashionMnist.DEBIAN_DIRECTORY.toString(),
            "emoji", "/tmp/package",
            "out", "curator/src/main/resources/" + MiniClip.WEIGHTS_DIRECTORY,
            "steps", "1500",
            "batch", "256",
            "lr", "0.003",
            "seed", "42");

    private TrainMiniClip() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine options = CommandLine.parse(args, DEFAULTS);
        int steps = options.integer("steps");
        int batchSize = options.integer("batch");
        int seed = options.integer("seed");
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(seed);

        List<LabelledImage> fashion = FashionMnist.read(options.path("fashion"), FashionMnist.Split.TRAIN);
        List<EmojiEntry> emoji = NotoEmoji.read(options.path("emoji")).stream()
                .filter(e -> !EmojiCaptions.isHeldOut(e))
                .toList();
        ImagePreprocessor preprocessor = MiniClipNetwork.preprocessor();
        long started = System.nanoTime();
        TrainingSet data;
        try (OnnxTextEncoder text = MiniLm.loadTextEncoder()) {
            data = TrainingSet.build(fashion, emoji, preprocessor, text);
        }
        System.out.printf("prepared %d Fashion-MNIST images, %d emoji and their captions in %.0f s%n",
                fashion.size(), emoji.size(), seconds(started));

        try (Model model = Model.newInstance("mini-clip-training", engine.getEngineName())) {
            ClipTrainingBlock block = new ClipTrainingBlock(MiniClipNetwork.imageTower());
            model.setBlock(block);
            Tracker learningRate = Tracker.cosine()
                    .setBaseValue(options.decimal("lr"))
                    .optFinalValue(options.decimal("lr") / 100)
                    .setMaxUpdates(steps)
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(new ClipLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate).optWeightDecays(1e-4f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                int size = preprocessor.size();
                trainer.initialize(new Shape(batchSize, 3, size, size));
                train(trainer, data, fashion.size(), steps, batchSize, new Random(seed), size);
            }
            save(block, options.path("out"));
        }
        System.out.printf("trained %d steps in %.0f s, parameters in %s%n", steps, seconds(started), options.path("out"));
    }

    private static void train(Trainer trainer, TrainingSet data, int fashionCount, int steps, int batchSize,
                              Random random, int size) {
        int emojiCount = data.size() - fashionCount;
        int fashionPerBatch = emojiCount == 0 ? batchSize : batchSize * 3 / 4;
        int[] fashionOrder = Shuffle.permutation(fashionCount, 0, random);
        int[] emojiOrder = Shuffle.permutation(emojiCount, fashionCount, random);
        int fashionNext = 0;
        int emojiNext = 0;
        int length = data.tensorLength();
        long started = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            float[] images = new float[batchSize * length];
            float[] texts = new float[batchSize * MiniLm.DIMENSION];
            int[] groups = new int[batchSize];
            for (int b = 0; b < batchSize; b++) {
                int item;
                if (b < fashionPerBatch) {
                    if (fashionNext == fashionOrder.length) {
                        Shuffle.inPlace(fashionOrder, random);
                        fashionNext = 0;
                    }
                    item = fashionOrder[fashionNext++];
                } else {
                    if (emojiNext == emojiOrder.length) {
                        Shuffle.inPlace(emojiOrder, random);
                        emojiNext = 0;
                    }
                    item = emojiOrder[emojiNext++];
                }
                data.copyImage(item, images, b * length);
                float[] caption = data.caption(item, random.nextInt(data.captionCount(item)));
                System.arraycopy(caption, 0, texts, b * MiniLm.DIMENSION, MiniLm.DIMENSION);
                groups[b] = data.group(item);
            }
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDList inputs = new NDList(manager.create(images, new Shape(batchSize, 3, size, size)));
                NDList labels = new NDList(
                        manager.create(texts, new Shape(batchSize, MiniLm.DIMENSION)),
                        manager.create(groups));
                float loss;
                float logScale;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(inputs, labels);
                    NDArray lossValue = trainer.getLoss().evaluate(labels, predictions);
                    collector.backward(lossValue);
                    loss = lossValue.getFloat();
                    logScale = predictions.get(1).getFloat();
                }
                trainer.step();
                if (step % 50 == 0 || step == steps) {
                    System.out.printf("step %d/%d loss %.4f logit scale %.1f (%.0f s)%n",
                            step, steps, loss, Math.exp(logScale), seconds(started));
                }
            }
        }
    }

    private static void save(ClipTrainingBlock block, Path directory) throws Exception {
        Files.createDirectories(directory);
        try (Model tower = Model.newInstance(MiniClip.WEIGHTS_NAME, "PyTorch")) {
            tower.setBlock(block.imageTower());
            // Without a fixed epoch DJL numbers the file after those already there; MiniClip loads epoch 0.
            tower.setProperty("Epoch", "0");
            tower.save(directory, MiniClip.WEIGHTS_NAME);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
