package io.pairstream.topology.search;

import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.SearchRequest;
import io.pairstream.topology.store.VectorStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pair with its store neighbours, searched together with the rest of its model batch before any
 * of the batch was stored. Later stages ask for a lookup's neighbours as the store is when they
 * ask: those found for the batch plus the pairs of the batch before this one that have been
 * stored since, scored exactly. So a pair sees exactly the samples that came before it, as if it
 * had been searched alone, while the store is scanned once per batch.
 */
public final class SearchedPair {

    /** What one lookup found in the store, best first, and the search that found it. */
    record Found(List<Neighbour> neighbours, SearchRequest request) {
    }

    private final EmbeddedPair pair;
    private final SearchFields fields;
    private final List<SearchedPair> earlier;
    private final Map<Lookup, Found> found;
    private final int recallHits;
    private final int recallSampled;
    private final Map<Lookup, List<Neighbour>> merged = new EnumMap<>(Lookup.class);
    private boolean stored;

    SearchedPair(EmbeddedPair pair, SearchFields fields, List<SearchedPair> earlier, Map<Lookup, Found> found, int recallHits,
                 int recallSampled) {
        this.pair = Objects.requireNonNull(pair, "pair cannot be null");
        this.fields = fields;
        this.earlier = earlier;
        this.found = found;
        this.recallHits = recallHits;
        this.recallSampled = recallSampled;
    }

    public EmbeddedPair pair() {
        return pair;
    }

    public String id() {
        return pair.id();
    }

    /**
     * The lookup's best neighbours among the samples stored before this pair, most similar first
     * (ties as the store orders them), scored as the store scores. An item evicted since the batch
     * was searched may still appear; reading it from the store then finds nothing. Worked out once
     * per lookup: every stage asks after the pairs before this one were stored and before this one is.
     *
     * @throws IllegalStateException when the lookup was not searched for this pair's batch
     */
    public List<Neighbour> neighbours(Lookup lookup, VectorStore store) {
        Found result = found.get(lookup);
        if (result == null) {
            throw new IllegalStateException("the " + lookup + " lookup was not searched for pair " + id());
        }
        return merged.computeIfAbsent(lookup, key -> withSameBatch(key, result, store));
    }

    /**
     * The lookup's best neighbours scoring at least {@code floor}, as {@link #neighbours}: taken
     * from those when the lookup's own floor was as high, else searched again with this floor, in
     * the store as it is now. For a lookup searched with a floor, to see what lies below it.
     */
    public List<Neighbour> neighboursAbove(Lookup lookup, float floor, VectorStore store) {
        List<Neighbour> neighbours = neighbours(lookup, store);
        SearchRequest request = found.get(lookup).request();
        if (floor >= request.minScore()) {
            return neighbours.stream().filter(n -> n.score() >= floor).toList();
        }
        SearchRequest lowered = request.withMinScore(floor);
        return withSameBatch(lookup, new Found(store.search(lowered), lowered), store);
    }

    private List<Neighbour> withSameBatch(Lookup lookup, Found result, VectorStore store) {
        Map<String, Neighbour> sameBatch = new LinkedHashMap<>();
        for (SearchedPair before : earlier) {
            EmbeddedPair sample = before.pair();
            if (before.stored && !sample.id().equals(id()) && sample.modelVersion().equals(pair.modelVersion())) {
                // NaN: stored, then evicted again by retention.
                float score = store.similarity(lookup.field(fields), lookup.query(pair), sample.id());
                if (!Float.isNaN(score) && score >= result.request().minScore()) {
                    sameBatch.put(sample.id(), new Neighbour(sample.id(), score, sample.metadata()));
                }
            }
        }
        if (sameBatch.isEmpty()) {
            return result.neighbours();
        }
        List<Neighbour> all = new ArrayList<>(result.neighbours().size() + sameBatch.size());
        result.neighbours().stream().filter(n -> !sameBatch.containsKey(n.id())).forEach(all::add);
        all.addAll(sameBatch.values());
        all.sort(Neighbour.BEST_FIRST);
        int k = result.request().k();
        return List.copyOf(all.size() > k ? all.subList(0, k) : all);
    }

    /** Neighbours the approximate search shared with an exact one, when this pair was sampled for recall. */
    public int recallHits() {
        return recallHits;
    }

    /** Neighbours the exact search returned; 0 when this pair was not sampled. */
    public int recallSampled() {
        return recallSampled;
    }

    /** Records that the pair is now in the store, so later pairs of its batch count it among their neighbours. */
    public void markStored() {
        stored = true;
    }
}
