package io.pairstream.curator.dataset;

import java.util.Objects;

/**
 * One image with a caption, as a producer would send it: the encoded image, the caption, and the
 * ground-truth label when the data set has one (for measuring semantic consistency only).
 *
 * @param id      unique within its source
 * @param image   the encoded image (PNG)
 * @param caption what the image shows, in words
 * @param label   the class, or {@code null}
 * @param source  the data set it comes from
 */
public record CaptionedSample(String id, byte[] image, String caption, String label, String source) {

    public CaptionedSample {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(image, "image cannot be null");
        Objects.requireNonNull(caption, "caption cannot be null");
        Objects.requireNonNull(source, "source cannot be null");
    }

    /** The same image with another caption, e.g. to inject a mismatched pair. */
    public CaptionedSample withCaption(String otherCaption) {
        return new CaptionedSample(id, image, otherCaption, label, source);
    }
}
