package io.pairstream.topology.store;

/** A search hit: the stored item's id, its cosine similarity to the query, and its metadata. */
public record Neighbour(String id, float score, ItemMetadata metadata) {
}
