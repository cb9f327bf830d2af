package io.pairstream.curator.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * CLIP's image preprocessing: resize so the shorter side is {@code size} (bicubic), crop the centre
 * {@code size}×{@code size}, scale to [0, 1] and normalise each channel with mean and std, giving
 * a CHW float array.
 */
public final class ImagePreprocessor {

    /** OpenAI CLIP's normalisation, also used by most OpenCLIP exports. */
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final int size;
    private final float[] mean;
    private final float[] std;

    public ImagePreprocessor(int size, float[] mean, float[] std) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        if (Objects.requireNonNull(mean, "mean cannot be null").length != 3
                || Objects.requireNonNull(std, "std cannot be null").length != 3) {
            throw new IllegalArgumentException("mean and std need one value per RGB channel");
        }
        this.size = size;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public int size() {
        return size;
    }

    /** Length of the array {@link #toTensor} returns. */
    public int tensorLength() {
        return 3 * size * size;
    }

    /** Resizes, crops and normalises an RGB image into {@code out} at {@code offset}. */
    public void toTensor(BufferedImage rgb, float[] out, int offset) {
        BufferedImage square = resizeAndCrop(rgb);
        int plane = size * size;
        int[] pixels = square.getRGB(0, 0, size, size, null, 0, size);
        for (int i = 0; i < plane; i++) {
            int p = pixels[i];
            out[offset + i] = (((p >> 16) & 0xff) / 255f - mean[0]) / std[0];
            out[offset + plane + i] = (((p >> 8) & 0xff) / 255f - mean[1]) / std[1];
            out[offset + 2 * plane + i] = ((p & 0xff) / 255f - mean[2]) / std[2];
        }
    }

    public float[] toTensor(BufferedImage rgb) {
        float[] out = new float[tensorLength()];
        toTensor(rgb, out, 0);
        return out;
    }

    BufferedImage resizeAndCrop(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (width == size && height == size) {
            return image;
        }
        double scale = (double) size / Math.min(width, height);
        int scaledWidth = Math.max(size, (int) Math.round(width * scale));
        int scaledHeight = Math.max(size, (int) Math.round(height * scale));
        BufferedImage source = image;
        // Bicubic alone aliases when shrinking a lot; halving first approximates PIL's area-aware resize.
        while (source.getWidth() / 2 >= scaledWidth && source.getHeight() / 2 >= scaledHeight) {
            source = draw(source, source.getWidth() / 2, source.getHeight() / 2, 0, 0,
                    source.getWidth() / 2, source.getHeight() / 2, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        int x = (scaledWidth - size) / 2;
        int y = (scaledHeight - size) / 2;
        return draw(source, size, size, -x, -y, scaledWidth, scaledHeight, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int canvasWidth, int canvasHeight,
                                      int x, int y, int width, int height, Object interpolation) {
        BufferedImage target = new BufferedImage(canvasWidth, canvasHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.drawImage(source, x, y, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
