package io.pairstream.trainer.batch;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The image format the network sees: {@code channels × size × size} floats in [0, 1], channel-major.
 * Any image ImageIO reads (the pairs carry PNGs: 28×28 grey Fashion-MNIST, 64×64 colour emoji)
 * is scaled to it; transparent pixels land on white, as the emoji are drawn.
 */
public record ImageFormat(int size, int channels) {

    public ImageFormat {
        if (size < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("image format " + size + "x" + size + "x" + channels);
        }
    }

    public int length() {
        return channels * size * size;
    }

    /** The pixels of an encoded image, or empty when it cannot be decoded. */
    public Optional<float[]> decode(byte[] encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            return image == null ? Optional.empty() : Optional.of(pixels(image));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The pixels of a decoded image. */
    public float[] pixels(BufferedImage image) {
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.drawImage(image, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        float[] out = new float[length()];
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = scaled.getRGB(x, y);
                float r = ((rgb >> 16) & 0xff) / 255f;
                float gr = ((rgb >> 8) & 0xff) / 255f;
                float b = (rgb & 0xff) / 255f;
                int at = y * size + x;
                if (channels == 1) {
                    out[at] = 0.299f * r + 0.587f * gr + 0.114f * b;
                } else {
                    out[at] = r;
                    out[plane + at] = gr;
                    out[2 * plane + at] = b;
                }
            }
        }
        return out;
    }
}
