package io.pairstream.topology.store;

import java.util.Objects;

/**
 * Small facts kept beside an item's vectors and held in memory, so search filters can use them
 * without reading the vectors.
 *
 * @param label        a class label, or {@code null}
 * @param source       where the sample came from, or {@code null}
 * @param eventTimeMs  the sample's event time; retention by age and count is by this time
 * @param modelVersion the version of the model that embedded the vectors
 */
public record ItemMetadata(String label, String source, long eventTimeMs, String modelVersion) {

    public ItemMetadata {
        Objects.requireNonNull(modelVersion, "modelVersion cannot be null");
    }
}
