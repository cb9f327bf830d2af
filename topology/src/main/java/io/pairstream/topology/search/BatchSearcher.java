package io.pairstream.topology.search;

import io.pairstream.topology.config.AlignmentSettings;
import io.pairstream.topology.config.PositiveStrategy;
import io.pairstream.topology.config.QualitySettings;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.embed.EmbeddedBatch;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.SearchMode;
import io.pairstream.topology.store.SearchRequest;
import io.pairstream.topology.store.VectorStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches the store for all the lookups of all the pairs of a batch in one
 * {@link VectorStore#searchBatch} call, so each probed inverted list is scanned once for the whole
 * batch while its codes are in cache. Every {@code recall.sample.every}-th pair also gets an exact
 * search of its first positive lookup, to estimate the recall of the approximate one.
 *
 * <p>The alignment check's rivals are searched with a floor: its rank test only rejects a caption
 * that stored captions beat by more than the margin, so only those are looked for. A cross-modal
 * query is the costliest lookup by far: a caption's cosine with an image varies little over the
 * captions of its nearest lists, so no code can be ruled out below the k-th best, and every code
 * was scored in full. Above the pair's own cosine plus the margin, nearly all are ruled out by
 * their first pass. A rejected pair's exact rank is then found by a second search
 * ({@link SearchedPair#neighboursAbove}).
 */
public final class BatchSearcher {

    /** Scores this close to the exact k-th score count as reaching it (see {@link #recallHits}). */
    public static final float TIE = 1e-4f;

    private final SearchFields fields;
    private final Map<Lookup, Integer> lookups;
    private final Lookup sampledLookup;
    private final int sampleEvery;
    private final float rivalMargin;
    private final int rivalProbes;
    private long searched;

    /**
     * {@code lookups} gives how many neighbours each lookup asks for; {@code sampledLookup} may be
     * null (no recall sampling); {@link Lookup#CAPTIONS_FOR_IMAGE} only returns captions that beat
     * the pair's own cosine by at least {@code rivalMargin}, and probes {@code rivalProbes} lists (0:
     * the store's default).
     */
    BatchSearcher(SearchFields fields, Map<Lookup, Integer> lookups, Lookup sampledLookup, int sampleEvery, float rivalMargin,
                  int rivalProbes) {
        this.fields = fields;
        this.lookups = new EnumMap<>(lookups);
        this.sampledLookup = sampledLookup;
        this.sampleEvery = sampleEvery;
        this.rivalMargin = rivalMargin;
        this.rivalProbes = rivalProbes;
    }

    /** The lookups the alignment check and the positive selection use, as configured. */
    public static BatchSearcher forStages(SearchFields fields, AlignmentSettings alignment, SelectionSettings selection,
                                          QualitySettings quality) {
        Map<Lookup, Integer> lookups = new EnumMap<>(Lookup.class);
        if (alignment.ranks()) {
            lookups.put(Lookup.CAPTIONS_FOR_IMAGE, alignment.rivalsSearched());
        }
        for (PositiveStrategy strategy : selection.strategies()) {
            if (strategy != PositiveStrategy.IMAGE) {
                lookups.put(Lookup.SIMILAR_CAPTIONS, selection.candidates());
            }
            if (strategy != PositiveStrategy.TEXT) {
                lookups.put(Lookup.SIMILAR_IMAGES, selection.candidates());
            }
        }
        Lookup sampled = selection.strategies().isEmpty() ? null
                : selection.strategies().get(0) == PositiveStrategy.IMAGE ? Lookup.SIMILAR_IMAGES : Lookup.SIMILAR_CAPTIONS;
        return new BatchSearcher(fields, lookups, sampled, quality.recallSampleEvery(), (float) alignment.rankMargin(),
                alignment.rankProbes());
    }

    /** The lookups searched for every pair, each with the neighbours it asks for. */
    public Map<Lookup, Integer> lookups() {
        return Map.copyOf(lookups);
    }

    /** The batch's pairs in order, each with what its lookups found in the store as it is now. */
    public List<SearchedPair> search(EmbeddedBatch batch, VectorStore store) {
        List<SearchRequest> requests = new ArrayList<>();
        boolean[] sampled = new boolean[batch.pairs().size()];
        for (int i = 0; i < sampled.length; i++) {
            EmbeddedPair pair = batch.pairs().get(i);
            lookups.forEach((lookup, k) -> requests.add(request(lookup, k, pair)));
            searched++;
            sampled[i] = sampledLookup != null && sampleEvery > 0 && searched % sampleEvery == 0;
            if (sampled[i]) {
                requests.add(request(sampledLookup, lookups.get(sampledLookup), pair).withMode(SearchMode.EXACT));
            }
        }
        List<List<Neighbour>> answers = requests.isEmpty() ? List.of() : store.searchBatch(requests);
        SearchedPair[] members = new SearchedPair[sampled.length];
        List<SearchedPair> inOrder = Arrays.asList(members);
        int next = 0;
        for (int i = 0; i < members.length; i++) {
            Map<Lookup, SearchedPair.Found> found = new EnumMap<>(Lookup.class);
            for (Lookup lookup : lookups.keySet()) {
                found.put(lookup, new SearchedPair.Found(answers.get(next), requests.get(next)));
                next++;
            }
            int hits = 0;
            int exactCount = 0;
            if (sampled[i]) {
                List<Neighbour> exact = answers.get(next++);
                hits = recallHits(found.get(sampledLookup).neighbours(), exact);
                exactCount = exact.size();
            }
            members[i] = new SearchedPair(batch.pairs().get(i), fields, inOrder.subList(0, i), found, hits, exactCount);
        }
        return inOrder;
    }

    /**
     * How many of the approximate neighbours are as good as the exact search's, counting ties as
     * ann-benchmarks does: a neighbour scoring at least the exact {@code k}-th score less {@link #TIE}
     * is found, whichever of its equals the exact search ranked. Repeated captions embedded in
     * different batches differ in their last bits, so among hundreds of copies the exact top k is one
     * arbitrary choice of equals: counted by id, the estimate read 0.90 on Fashion-MNIST's captions
     * where 0.995 of the neighbours were as close as the exact ones ({@code bench/curation/lookups.sh}).
     */
    public static int recallHits(List<Neighbour> approximate, List<Neighbour> exact) {
        if (exact.isEmpty()) {
            return 0;
        }
        float reach = exact.get(exact.size() - 1).score() - TIE;
        return (int) Math.min(exact.size(), approximate.stream().filter(n -> n.score() >= reach).count());
    }

    /** The approximate search of one lookup for a pair: its k neighbours, of its model version, above its floor. */
    public SearchRequest request(Lookup lookup, int k, EmbeddedPair pair) {
        SearchRequest request = SearchRequest.of(lookup.field(fields), lookup.query(pair), k).withExcluded(Set.of(pair.id()))
                .withModelVersion(pair.modelVersion());
        if (lookup != Lookup.CAPTIONS_FOR_IMAGE) {
            return request;
        }
        SearchRequest floored = request.withMinScore(pair.alignment() + rivalMargin);
        return rivalProbes == SearchRequest.STORE_DEFAULT_PROBES ? floored : floored.withProbes(rivalProbes);
    }
}
