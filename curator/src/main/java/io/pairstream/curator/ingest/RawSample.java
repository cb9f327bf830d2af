package io.pairstream.curator.ingest;

import java.util.Objects;

/**
 * One image with its caption as a source read it, before it is checked and published.
 *
 * @param id unique within its source; becomes the record key
 * @param image the encoded image
 * @param caption the text paired with it
 * @param label the ground-truth class, or null
 * @param source the dataset or producer name
 * @param eventTime when the sample was made, epoch milliseconds
 */
public record RawSample(String id, byte[] image, String caption, String label, String source, long eventTime) {

    public RawSample {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(image, "image cannot be null");
        Objects.requireNonNull(caption, "caption cannot be null");
        Objects.requireNonNull(source, "source cannot be null");
    }
}
