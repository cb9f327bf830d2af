package io.pairstream.trainer.train;

import io.pairstream.trainer.batch.ImageFormat;
import java.util.Random;

/**
 * SimCLR's augmentations, as fit small grey or colour images: a random resized crop (bilinear),
 * a horizontal flip, brightness and contrast jitter, and a little Gaussian noise. Input pixels are in
 * [0, 1]; the output is normalised to [-1, 1], as the network expects. All randomness comes from
 * the caller's {@link Random}, so a step's views depend only on its seed.
 */
final class Augmenter {

    private static final double MIN_CROP_AREA = 0.35;
    private static final double MAX_ASPECT_LOG = Math.log(4.0 / 3.0);
    private static final double JITTER_PROBABILITY = 0.8;
    private static final double MAX_CONTRAST_CHANGE = 0.4;
    private static final double MAX_BRIGHTNESS_CHANGE = 0.2;
    private static final double NOISE_SIGMA = 0.03;

    private final ImageFormat format;

    Augmenter(ImageFormat format) {
        this.format = format;
    }

    /** Writes one augmented view of {@code pixels} into {@code out} at {@code offset}. */
    void augment(float[] pixels, Random random, float[] out, int offset) {
        int size = format.size();
        double area = MIN_CROP_AREA + (1 - MIN_CROP_AREA) * random.nextDouble();
        double aspect = Math.exp((2 * random.nextDouble() - 1) * MAX_ASPECT_LOG);
        double width = Math.min(size, Math.sqrt(area * aspect) * size);
        double height = Math.min(size, Math.sqrt(area / aspect) * size);
        double left = random.nextDouble() * (size - width);
        double top = random.nextDouble() * (size - height);
        boolean flip = random.nextBoolean();
        boolean jitter = random.nextDouble() < JITTER_PROBABILITY;
        double contrast = jitter ? 1 + (2 * random.nextDouble() - 1) * MAX_CONTRAST_CHANGE : 1;
        double brightness = jitter ? (2 * random.nextDouble() - 1) * MAX_BRIGHTNESS_CHANGE : 0;
        int plane = size * size;
        for (int c = 0; c < format.channels(); c++) {
            double mean = mean(pixels, c * plane, plane);
            for (int y = 0; y < size; y++) {
                double sy = top + (y + 0.5) * height / size - 0.5;
                for (int x = 0; x < size; x++) {
                    int column = flip ? size - 1 - x : x;
                    double sx = left + (column + 0.5) * width / size - 0.5;
                    double value = bilinear(pixels, c * plane, size, sx, sy);
                    value = (value - mean) * contrast + mean + brightness + random.nextGaussian() * NOISE_SIGMA;
                    value = Math.max(0, Math.min(1, value));
                    out[offset + c * plane + y * size + x] = (float) (value * 2 - 1);
                }
            }
        }
    }

    /** The image itself, normalised, for evaluation. */
    void plain(float[] pixels, float[] out, int offset) {
        for (int i = 0; i < pixels.length; i++) {
            out[offset + i] = pixels[i] * 2 - 1;
        }
    }

    private static double mean(float[] pixels, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += pixels[i];
        }
        return sum / length;
    }

    private static double bilinear(float[] pixels, int base, int size, double x, double y) {
        double cx = Math.max(0, Math.min(size - 1, x));
        double cy = Math.max(0, Math.min(size - 1, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(size - 1, x0 + 1);
        int y1 = Math.min(size - 1, y0 + 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = pixels[base + y0 * size + x0] * (1 - fx) + pixels[base + y0 * size + x1] * fx;
        double bottom = pixels[base + y1 * size + x0] * (1 - fx) + pixels[base + y1 * size + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
