package io.pairstream.topology.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored and changelogged form of an item: metadata, then each named vector with the inverted
 * list it was filed under, so a restore can refill the index without recomputing assignments.
 */
final class ItemCodec {

    private static final byte FORMAT_VERSION = 1;
    private static final int ABSENT = -1;

    private ItemCodec() {
    }

    /** An item as decoded, with the list each vector was filed under. */
    record Stored(VectorItem item, Map<String, Integer> lists) {
    }

    static byte[] encode(VectorItem item, Map<String, Integer> lists) {
        ItemMetadata metadata = item.metadata();
        byte[] id = utf8(item.id());
        byte[] modelVersion = utf8(metadata.modelVersion());
        byte[] label = utf8(metadata.label());
        byte[] source = utf8(metadata.source());
        int length = 1 + Long.BYTES + stringLength(id) + stringLength(modelVersion) + stringLength(label)
                + stringLength(source) + Short.BYTES;
        for (Map.Entry<String, float[]> vector : item.vectors().entrySet()) {
            length += stringLength(utf8(vector.getKey())) + 2 * Integer.BYTES + vector.getValue().length * Float.BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).put(FORMAT_VERSION).putLong(metadata.eventTimeMs());
        putString(buffer, id);
        putString(buffer, modelVersion);
        putString(buffer, label);
        putString(buffer, source);
        buffer.putShort((short) item.vectors().size());
        for (Map.Entry<String, float[]> vector : item.vectors().entrySet()) {
            putString(buffer, utf8(vector.getKey()));
            buffer.putInt(lists.getOrDefault(vector.getKey(), IvfIndex.UNASSIGNED));
            buffer.putInt(vector.getValue().length);
            buffer.asFloatBuffer().put(vector.getValue());
            buffer.position(buffer.position() + vector.getValue().length * Float.BYTES);
        }
        return buffer.array();
    }

    static Stored decode(byte[] value) {
        ByteBuffer buffer = afterVersion(value);
        long eventTime = buffer.getLong();
        String id = getString(buffer);
        String modelVersion = getString(buffer);
        String label = getString(buffer);
        String source = getString(buffer);
        int count = buffer.getShort();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, Integer> lists = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String field = getString(buffer);
            lists.put(field, buffer.getInt());
            vectors.put(field, getFloats(buffer));
        }
        return new Stored(new VectorItem(id, vectors, new ItemMetadata(label, source, eventTime, modelVersion)), lists);
    }

    /** Only the vector of {@code field}, or {@code null}; skips decoding everything else. */
    static float[] decodeVector(byte[] value, String field) {
        ByteBuffer buffer = afterVersion(value);
        buffer.getLong();
        for (int i = 0; i < 4; i++) {
            skipString(buffer);
        }
        int count = buffer.getShort();
        byte[] wanted = utf8(field);
        for (int i = 0; i < count; i++) {
            boolean match = nextStringEquals(buffer, wanted);
            buffer.getInt();
            if (match) {
                return getFloats(buffer);
            }
            int length = buffer.getInt();
            buffer.position(buffer.position() + length * Float.BYTES);
        }
        return null;
    }

    private static ByteBuffer afterVersion(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        byte version = buffer.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("unknown stored item format " + version);
        }
        return buffer;
    }

    private static float[] getFloats(ByteBuffer buffer) {
        float[] vector = new float[buffer.getInt()];
        buffer.asFloatBuffer().get(vector);
        buffer.position(buffer.position() + vector.length * Float.BYTES);
        return vector;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static int stringLength(byte[] utf8) {
        return Integer.BYTES + (utf8 == null ? 0 : utf8.length);
    }

    private static void putString(ByteBuffer buffer, byte[] utf8) {
        if (utf8 == null) {
            buffer.putInt(ABSENT);
        } else {
            buffer.putInt(utf8.length).put(utf8);
        }
    }

    private static String getString(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length == ABSENT) {
            return null;
        }
        String text = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }

    private static void skipString(ByteBuffer buffer) {
        int length = buffer.getInt();
        buffer.position(buffer.position() + Math.max(length, 0));
    }

    private static boolean nextStringEquals(ByteBuffer buffer, byte[] wanted) {
        int length = buffer.getInt();
        int start = buffer.position();
        buffer.position(start + length);
        return Arrays.equals(buffer.array(), start, start + length, wanted, 0, wanted.length);
    }
}
