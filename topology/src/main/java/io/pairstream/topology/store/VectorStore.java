package io.pairstream.topology.store;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.StateStore;

/**
 * A Kafka Streams state store of items with named vectors, answering nearest-neighbour queries by
 * cosine similarity. Persisted in RocksDB, changelogged and restored like any key-value store;
 * bounded by the retention configured in {@link VectorStoreConfig}.
 *
 * <p>Create one with {@link VectorStores#vectorStoreBuilder}, add it to the topology, and fetch it in
 * a processor's {@code init} with {@code context.getStateStore(name)}.
 */
public interface VectorStore extends StateStore {

    /** Adds the item, or replaces the stored item with the same id; then applies retention. */
    void put(VectorItem item);

    /** Removes the item with this id; returns whether there was one. */
    boolean delete(String id);

    Optional<VectorItem> get(String id);

    /** The best matches, most similar first. */
    List<Neighbour> search(SearchRequest request);

    /** One result list per request, in request order. */
    List<List<Neighbour>> searchBatch(List<SearchRequest> requests);

    /**
     * The exact cosine of {@code query} and the stored item's vector of {@code field}, scored as
     * searches re-rank their results (so equal vectors tie exactly); {@code NaN} when no item with
     * this id holds the field.
     */
    float similarity(String field, float[] query, String id);

    /** How many items the store holds. */
    int count();

    /**
     * Removes items older than the configured maximum age relative to {@code streamTimeMs}, writing
     * their tombstones to the changelog; returns how many were removed. {@link #put} does the same
     * with the newest event time it has seen, so calling this is needed only when input pauses.
     */
    int evictExpired(long streamTimeMs);
}
