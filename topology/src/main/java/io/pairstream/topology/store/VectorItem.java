package io.pairstream.topology.store;

import java.util.Map;
import java.util.Objects;

/**
 * One stored sample: its id, one or more named L2-normalised vectors (e.g. {@code text} and
 * {@code image}), its metadata and an optional opaque payload. The arrays are not copied; callers
 * must not change them after handing the item to a store.
 *
 * <p>The payload (e.g. the caption and image of a sample) is kept on disk apart from the vectors:
 * searches never read it, only {@link VectorStore#get} does.
 */
public record VectorItem(String id, Map<String, float[]> vectors, ItemMetadata metadata, byte[] payload) {

    public VectorItem {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(metadata, "metadata cannot be null");
        vectors = Map.copyOf(Objects.requireNonNull(vectors, "vectors cannot be null"));
    }

    /** An item without a payload. */
    public VectorItem(String id, Map<String, float[]> vectors, ItemMetadata metadata) {
        this(id, vectors, metadata, null);
    }

    /** This item with {@code newPayload} (or none, for {@code null}). */
    public VectorItem withPayload(byte[] newPayload) {
        return new VectorItem(id, vectors, metadata, newPayload);
    }

    /** The vector of {@code field}, or {@code null} when the item has none. */
    public float[] vector(String field) {
        return vectors.get(field);
    }
}
