package io.pairstream.curator.model;

import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** An image tower run through DJL on any engine: RGB images in, one unit vector each out. Thread-safe. */
public final class ImageEncoder implements AutoCloseable {

    private final PredictorPool<BufferedImage, float[]> predictors;
    private final ImagePreprocessor preprocessor;
    private final int maxBatchSize;
    private final int dimension;

    /**
     * Loads the model {@code criteria} describes; its translator is made here from {@code preprocessor}
     * and {@code outputName} (the model's first output when {@code null}).
     */
    ImageEncoder(Criteria.Builder<BufferedImage, float[]> criteria, ImagePreprocessor preprocessor,
                 String outputName, int maxBatchSize) {
        this.preprocessor = preprocessor;
        this.maxBatchSize = maxBatchSize;
        try {
            this.predictors = new PredictorPool<>(criteria
                    .optTranslator(new ImageEmbeddingTranslator(preprocessor, outputName))
                    .build()
                    .loadModel());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load image model", e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IllegalArgumentException("cannot load image model: " + e.getMessage(), e);
        }
        BufferedImage probe = new BufferedImage(preprocessor.size(), preprocessor.size(), BufferedImage.TYPE_INT_RGB);
        try {
            // A probe tells the dimension and fails fast on a model that does not take this input.
            this.dimension = embed(List.of(probe))[0].length;
        } catch (RuntimeException e) {
            predictors.close();
            throw e;
        }
    }

    public int dimension() {
        return dimension;
    }

    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** One unit vector per image, in order; runs in chunks of at most the configured batch size. */
    public float[][] embed(List<BufferedImage> images) {
        return predictors.batchPredict(images, maxBatchSize).toArray(new float[0][]);
    }

    @Override
    public void close() {
        predictors.close();
    }
}
