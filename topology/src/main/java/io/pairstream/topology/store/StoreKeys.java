package io.pairstream.topology.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key layout inside the underlying key-value store. A one-byte tag separates items, their
 * payloads and the learned centroids, so both travel through the same changelog and are restored together.
 */
final class StoreKeys {

    private static final byte ITEM = 'I';
    private static final byte CENTROID_COUNT = 'M';
    private static final byte CENTROID = 'C';
    private static final byte PAYLOAD = 'P';
    private static final byte FIELD_END = 0;

    private StoreKeys() {
    }

    static Bytes item(String id) {
        return tagged(ITEM, id.getBytes(StandardCharsets.UTF_8));
    }

    /** Where an item's payload is kept, apart from its vectors so that searches never read it. */
    static Bytes payload(String id) {
        return tagged(PAYLOAD, id.getBytes(StandardCharsets.UTF_8));
    }

    /** Bounds of a range over all items: no key starts with the tag after the item tag. */
    static Bytes firstItem() {
        return Bytes.wrap(new byte[] {ITEM});
    }

    static Bytes afterLastItem() {
        return Bytes.wrap(new byte[] {ITEM + 1});
    }

    /** Where the number of learned centroids of a field is kept; written after the centroids. */
    static Bytes centroidCount(String field) {
        return tagged(CENTROID_COUNT, field.getBytes(StandardCharsets.UTF_8));
    }

    static Bytes centroid(String field, int index) {
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(2 + name.length + Integer.BYTES)
                .put(CENTROID).put(name).put(FIELD_END).putInt(index).array());
    }

    private static Bytes tagged(byte tag, byte[] body) {
        byte[] key = new byte[body.length + 1];
        key[0] = tag;
        System.arraycopy(body, 0, key, 1, body.length);
        return Bytes.wrap(key);
    }
}
