package io.pairstream.curator.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import io.pairstream.topology.model.ClipModel;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code pairstream-mini-clip}, the offline default: the frozen all-MiniLM-L6-v2 text tower and the
 * small CNN image tower that {@code TrainMiniClip} trained against it, whose parameters ship as a
 * classpath resource. Nothing is trained or downloaded at start-up.
 */
public final class MiniClip {

    public static final String NAME = "pairstream-mini-clip";
    /** Where the trained image tower's parameters live on the classpath. */
    public static final String WEIGHTS_DIRECTORY = "io/pairstream/curator/model/mini-clip";
    public static final String WEIGHTS_NAME = "mini-clip-image";
    private static final String WEIGHTS_FILE = WEIGHTS_NAME + "-0000.params";
    private static final int MAX_BATCH_SIZE = 128;

    private MiniClip() {
    }

    /** The shipped model with the default input limits, leaving one core to the stream; the caller closes it. */
    public static ClipModel loadDefault() {
        return load(InputLimits.DEFAULT, ModelThreads.leavingOneCore());
    }

    /** The shipped model, its text tower running each batch on {@code threads} threads. */
    public static ClipModel load(InputLimits limits, int threads) {
        try (ModelResources files = new ModelResources()) {
            Path weights = files.extract(WEIGHTS_DIRECTORY + "/" + WEIGHTS_FILE);
            return load(weights, limits, threads);
        }
    }

    /** The model with image tower parameters from {@code weights}, a file named {@code mini-clip-image-0000.params}. */
    public static ClipModel load(Path weights, InputLimits limits) {
        return load(weights, limits, ModelThreads.leavingOneCore());
    }

    /**
     * As {@link #load(Path, InputLimits)}, each tower running a batch on {@code threads} threads. The
     * image tower's PyTorch threads are a setting of the whole process (the last model loaded sets it).
     */
    public static ClipModel load(Path weights, InputLimits limits, int threads) {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        // DJL finds parameters by model name and epoch, so any other file name would not be found.
        if (!WEIGHTS_FILE.equals(String.valueOf(weights.getFileName())) || !Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("image tower parameters must be a file named " + WEIGHTS_FILE + ", not " + weights);
        }
        String version = NAME + "@" + weightsHash(weights);
        Criteria.Builder<BufferedImage, float[]> criteria = Criteria.builder()
                .setTypes(BufferedImage.class, float[].class)
                .optModelPath(weights.getParent())
                .optModelName(WEIGHTS_NAME)
                .optBlock(MiniClipNetwork.imageTower())
                .optEngine("PyTorch");
        OnnxTextEncoder texts = MiniLm.loadTextEncoder(threads);
        try {
            ImageEncoder images = new ImageEncoder(criteria, MiniClipNetwork.preprocessor(), null, MAX_BATCH_SIZE);
            return new DjlClipModel(version, images, texts, limits);
        } catch (RuntimeException e) {
            texts.close();
            throw e;
        }
    }

    /** Hashes the image tower's parameters and the text model, the two weight sets of this model. */
    private static String weightsHash(Path weights) {
        try (InputStream text = MiniClip.class.getClassLoader().getResourceAsStream(MiniLm.MODEL_RESOURCE)) {
            if (text == null) {
                throw new IllegalStateException("model resource " + MiniLm.MODEL_RESOURCE + " is not on the classpath");
            }
            return new WeightsHash().add(weights).add(text).hex();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the text model", e);
        }
    }
}
