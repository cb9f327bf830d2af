package io.pairstream.topology.ingest;

import java.util.Map;
import java.util.Objects;

/**
 * An input record exactly as it was read, with where it was read from. Kept alongside a pair until
 * it leaves the pipeline, so that a failure at any stage dead-letters the original bytes.
 */
public record SourceRecord(byte[] key, byte[] value, Map<String, byte[]> headers, String topic, int partition, long offset, long timestamp) {

    public SourceRecord {
        Objects.requireNonNull(topic, "topic cannot be null");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers cannot be null"));
    }

    /** {@code topic-partition@offset}, for messages. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
