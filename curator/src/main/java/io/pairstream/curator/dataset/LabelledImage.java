package io.pairstream.curator.dataset;

import java.awt.image.BufferedImage;
import java.util.Objects;

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
}
