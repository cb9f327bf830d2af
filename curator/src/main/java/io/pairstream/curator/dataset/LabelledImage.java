package io.pairstream.curator.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * One image of a labelled data set with the class it belongs to.
 *
 * @param image the pixels
 * @param label the class index
 */
public record LabelledImage(BufferedImage image, int label) {

    public LabelledImage {
        Objects.requireNonNull(image, "image cannot be null");
    }

    /** The image as PNG bytes, the form pairs carry. */
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
