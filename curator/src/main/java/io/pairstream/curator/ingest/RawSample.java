package io.pairstream.curator.ingest;

import io.pairstream.curator.dataset.MediaTypes;
import io.pairstream.schemas.records.ImageTextPair;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
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

    /** The same image with another caption, e.g. to inject a mismatched pair. */
    public RawSample withCaption(String otherCaption) {
        return new RawSample(id, image, otherCaption, label, source, eventTime);
    }

    /** The sample as the record producers send. */
    public ImageTextPair toPair() {
        return ImageTextPair.newBuilder()
                .setId(id)
                .setImage(ByteBuffer.wrap(image))
                .setImageMediaType(MediaTypes.sniff(image))
                .setCaption(caption)
                .setLabel(label)
                .setSource(source)
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setAttributes(Map.of())
                .build();
    }
}
