package io.pairstream.topology.store;

import java.util.Map;
import java.util.Objects;

/**
 * One stored sample: its id, one or more named L2-normalised vectors (e.g. {@code text} and
 * {@code image}) and its metadata. The vector arrays are not copied; callers must not change them
 * after handing the item to a store.
 */
public record VectorItem(String id, Map<String, float[]> vectors, ItemMetadata metadata) {

    public VectorItem {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(metadata, "metadata cannot be null");
        vectors = Map.copyOf(Objects.requireNonNull(vectors, "vectors cannot be null"));
    }

    /** The vector of {@code field}, or {@code null} when the item has none. */
    public float[] vector(String field) {
        return vectors.get(field);
    }
}
