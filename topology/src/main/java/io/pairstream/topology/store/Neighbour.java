package io.pairstream.topology.store;

import java.util.Comparator;

/** A search hit: the stored item's id, its cosine similarity to the query, and its metadata. */
public record Neighbour(String id, float score, ItemMetadata metadata) {

    /**
     * The order of search results: most similar first; equal scores in the store's stable tie order
     * (by the id's hash, then the id), so merged results are ordered as one search would order them.
     */
    public static final Comparator<Neighbour> BEST_FIRST = Comparator.comparingDouble(Neighbour::score).reversed()
            .thenComparing(Comparator.comparingInt((Neighbour n) -> ItemTable.tieKey(n.id())).reversed())
            .thenComparing(Neighbour::id);
}
