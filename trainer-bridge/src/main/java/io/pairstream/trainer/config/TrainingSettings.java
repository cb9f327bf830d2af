package io.pairstream.trainer.config;

/**
 * What shapes one training run: the strategy and the pairs it accepts, the optimiser, the image
 * format the network sees, and the strategies' thresholds. Two runs with equal settings on the same
 * pairs train the same network.
 *
 * @param batchSize               distinct anchors per step
 * @param temperature             NT-Xent temperature
 * @param imageSize               images are resized to {@code imageSize × imageSize}
 * @param imageChannels           1 (grey) or 3 (RGB)
 * @param easyNegativeFraction    drop-easy-negative: fraction of each anchor's negatives removed
 * @param falsePositivePercentile drop-false-positive: new positives below this similarity percentile are not used
 */
public record TrainingSettings(TrainingStrategy strategy, PositiveGuidance guidance, int batchSize, float learningRate,
                               float temperature, long seed, int imageSize, int imageChannels,
                               float easyNegativeFraction, float falsePositivePercentile) {

    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;
    public static final float DEFAULT_TEMPERATURE = 0.5f;
    public static final long DEFAULT_SEED = 42;
    /** Fashion-MNIST's size; 64-px emoji are scaled down to it. */
    public static final int DEFAULT_IMAGE_SIZE = 28;
    public static final int DEFAULT_IMAGE_CHANNELS = 1;
    /** The seed paper drops the 10% least CLIP-similar negatives. */
    public static final float DEFAULT_EASY_NEGATIVE_FRACTION = 0.10f;
    /** The seed paper drops the augmentation pairs in the lowest 10% of CLIP similarity. */
    public static final float DEFAULT_FALSE_POSITIVE_PERCENTILE = 10f;

    public TrainingSettings {
        if (strategy == null || guidance == null) {
            throw new IllegalArgumentException("strategy and guidance are required");
        }
        if (batchSize < 2 || imageSize < 8 || (imageChannels != 1 && imageChannels != 3)
                || !(learningRate > 0) || !(temperature > 0)
                || !(easyNegativeFraction >= 0 && easyNegativeFraction < 1)
                || !(falsePositivePercentile >= 0 && falsePositivePercentile <= 100)) {
            throw new IllegalArgumentException("invalid training settings: " + this);
        }
    }

    /** The defaults, with the given strategy and guidance. */
    public static TrainingSettings defaults(TrainingStrategy strategy, PositiveGuidance guidance) {
        return new TrainingSettings(strategy, guidance, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_TEMPERATURE,
                DEFAULT_SEED, DEFAULT_IMAGE_SIZE, DEFAULT_IMAGE_CHANNELS, DEFAULT_EASY_NEGATIVE_FRACTION,
                DEFAULT_FALSE_POSITIVE_PERCENTILE);
    }

    public TrainingSettings withBatchSize(int size) {
        return new TrainingSettings(strategy, guidance, size, learningRate, temperature, seed, imageSize, imageChannels,
                easyNegativeFraction, falsePositivePercentile);
    }

    public TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(strategy, guidance, batchSize, learningRate, temperature, newSeed, imageSize, imageChannels,
                easyNegativeFraction, falsePositivePercentile);
    }
}
