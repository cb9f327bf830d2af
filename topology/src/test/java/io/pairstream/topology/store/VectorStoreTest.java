package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.topology.StandaloneStores;
import io.pairstream.topology.vector.VectorUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real RocksDB in a temporary directory, without a broker (so without a changelog). */
class VectorStoreTest {

    private static final String STORE = "neighbours";
    private static final int DIMENSION = 64;

    @TempDir
    Path stateDirectory;

    private VectorStore store;

    @AfterEach
    void closeStore() {
        if (store != null && store.isOpen()) {
            store.close();
        }
    }

    @Test
    void shouldReachHighRecallAgainstExactSearchOnClusteredData() {
        store = open(Map.of());
        ClusteredVectors data = new ClusteredVectors(7, DIMENSION, 40, 0.9f);
        putAll(data, 6_000);
        double recall = recall(data, 200, 10);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void shouldSearchExhaustivelyBeforeCentroidsAreLearned() {
        store = open(Map.of(VectorStoreConfig.TRAINING_SIZE_CONFIG, 100_000));
        ClusteredVectors data = new ClusteredVectors(8, DIMENSION, 10, 0.9f);
        putAll(data, 1_000);
        assertTrue(recall(data, 50, 10) >= 0.99);
    }

    @Test
    void shouldReturnOnlyItemsOfTheRequestedModelVersionWhetherOrNotTheStoreHoldsOthers() {
        store = open(Map.of());
        ClusteredVectors data = new ClusteredVectors(13, DIMENSION, 10, 0.9f);
        for (int i = 0; i < 3_000; i++) {
            store.put(item("item-" + i, data.next(), "m1", i));
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 20; q++) {
            queries.add(data.next());
        }
        // One version stored: the constraint is checked once, and answers as no constraint at all.
        for (float[] query : queries) {
            SearchRequest any = SearchRequest.of("text", query, 10);
            assertEquals(store.search(any), store.search(any.withModelVersion("m1")));
            assertEquals(List.of(), store.search(any.withModelVersion("m2")));
        }
        for (int i = 3_000; i < 4_000; i++) {
            store.put(item("item-" + i, data.next(), "m2", i));
        }
        // Two versions stored: each item is checked, as a filter on its metadata would.
        for (float[] query : queries) {
            for (SearchMode mode : SearchMode.values()) {
                SearchRequest any = SearchRequest.of("text", query, 10).withMode(mode);
                for (String version : List.of("m1", "m2")) {
                    List<Neighbour> found = store.search(any.withModelVersion(version));
                    assertEquals(store.search(any.withFilter(metadata -> metadata.modelVersion().equals(version))), found);
                    assertEquals(10, found.size());
                    assertTrue(found.stream().allMatch(n -> n.metadata().modelVersion().equals(version)), found.toString());
                }
            }
        }
    }

    @Test
    void shouldAnswerABatchExactlyAsTheSameQueriesOneByOne() {
        store = open(Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:" + DIMENSION + ",image:" + DIMENSION));
        ClusteredVectors data = new ClusteredVectors(12, DIMENSION, 30, 0.9f);
        for (int i = 0; i < 4_000; i++) {
            Map<String, float[]> vectors = i % 3 == 0 ? Map.of("text", data.next())
                    : Map.of("text", data.next(), "image", data.next());
            store.put(new VectorItem("item-" + i, vectors, new ItemMetadata(null, "test", i, "m" + i % 2)));
        }
        List<SearchRequest> requests = new ArrayList<>();
        for (int q = 0; q < 60; q++) {
            SearchRequest request = SearchRequest.of(q % 4 == 0 ? "image" : "text", data.next(), 1 + q % 12)
                    .withProbes(1 + q % 10);
            if (q % 5 == 0) {
                request = request.withFilter(metadata -> metadata.modelVersion().equals("m1"))
                        .withExcluded(Set.of("item-1", "item-7"));
            }
            requests.add(q % 7 == 0 ? request.withMode(SearchMode.EXACT) : request);
        }
        List<List<Neighbour>> oneByOne = requests.stream().map(store::search).toList();
        assertEquals(oneByOne, store.searchBatch(requests));
        assertEquals(List.of(), store.searchBatch(List.of()));
    }

    @Test
    void shouldScanListsInTwoPassesWhenVectorsLieMostlyInASubspaceAndFindWhatFullScansFind() {
        ClusteredVectors data = ClusteredVectors.inSubspace(21, DIMENSION, 6, 30, 0.6f, 1.0f);
        // Half the items repeat one of 40 vectors, as repeated captions do: a query equal to one of
        // them has 50 tied neighbours, more than its 40 candidates, ranked by tie key: the first pass
        // must keep every copy for the tie keys to decide.
        List<float[]> repeated = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            repeated.add(data.next());
        }
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            vectors.add(i % 2 == 0 ? data.next() : repeated.get(i % repeated.size()));
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 100; q++) {
            queries.add(q % 2 == 0 ? data.next() : repeated.get(q % repeated.size()));
        }
        List<List<Neighbour>> answers = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (Object sigmas : List.of(0, 1_000, VectorStoreConfig.REMAINDER_SIGMAS_DEFAULT, 0.3)) {
            store = open(Map.of(VectorStoreConfig.REMAINDER_SIGMAS_CONFIG, sigmas), stateDirectory.resolve("s" + sigmas));
            for (int i = 0; i < 4_000; i++) {
                store.put(item("item-" + i, vectors.get(i), "m" + i % 2, i));
            }
            assertEquals(sigmas.equals(0), ((IndexedVectorStore) store).subspace("text").isEmpty(), "sigmas " + sigmas);
            List<SearchRequest> requests = new ArrayList<>();
            for (int q = 0; q < queries.size(); q++) {
                SearchRequest request = SearchRequest.of("text", queries.get(q), 10);
                requests.add(q % 3 == 0 ? request.withFilter(metadata -> metadata.modelVersion().equals("m1")) : request);
            }
            List<List<Neighbour>> oneByOne = requests.stream().map(store::search).toList();
            shares.add(((IndexedVectorStore) store).scoredInFullShare("text"));
            // A query meets its lists in its own order, so a batch answers as its queries one by one.
            assertEquals(oneByOne, store.searchBatch(requests));
            answers.addAll(oneByOne);
            store.close();
            // The subspace is derived from the durable centroids, so a restarted store answers the same.
            store = open(Map.of(VectorStoreConfig.REMAINDER_SIGMAS_CONFIG, sigmas), stateDirectory.resolve("s" + sigmas));
            assertEquals(oneByOne, store.searchBatch(requests));
            store.close();
        }
        int n = queries.size();
        double bounded = agreement(answers.subList(0, n), answers.subList(n, 2 * n));
        double allowed = agreement(answers.subList(0, n), answers.subList(2 * n, 3 * n));
        double tight = agreement(answers.subList(0, n), answers.subList(3 * n, 4 * n));
        // Rounding aside, the Cauchy-Schwarz bound never drops a code a full scan keeps; the default
        // allowance rarely does; duplicates, granted the full bound, survive even a tight allowance.
        assertTrue(bounded >= 0.995, "Cauchy-Schwarz bound kept " + bounded + " of the full scans' neighbours");
        assertTrue(allowed >= 0.99, "default allowance kept " + allowed + " of the full scans' neighbours");
        assertTrue(tight >= 0.95, "0.3 deviations kept " + tight + " of the full scans' neighbours");
        // ... while the first pass rules codes out, the more the tighter the allowance.
        // (At 64 dimensions the default allowance is the Cauchy-Schwarz bound: 8 deviations of 1/sqrt(48).)
        assertEquals(1.0, shares.get(0));
        assertTrue(shares.get(1) < 0.8, "Cauchy-Schwarz bound scored " + shares.get(1) + " of the codes in full");
        assertTrue(shares.get(3) < shares.get(1) - 0.1, "0.3 deviations scored " + shares.get(3) + " in full");
    }

    @Test
    void shouldScoreFewerCodesInFullTheFewerRoundingDeviationsAreGrantedAgainstCandidatesAndFindTheSameNeighbours() {
        // Tight clusters, as Fashion-MNIST images of one class: many codes score within the rounding allowance of each other.
        ClusteredVectors data = ClusteredVectors.inSubspace(23, DIMENSION, 6, 10, 0.15f, 0.05f);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            vectors.add(data.next());
        }
        List<SearchRequest> requests = new ArrayList<>();
        for (int q = 0; q < 100; q++) {
            SearchRequest request = SearchRequest.of("text", data.next(), 10);
            // A least score is a hard cut, and keeps the full 4 deviations whatever the setting: this one leaves
            // fewer than the k neighbours, so the candidates never fill to give a score of their own.
            requests.add(q % 4 == 0 ? request.withMinScore(0.995f) : request);
        }
        List<List<List<Neighbour>>> answers = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (double sigmas : List.of(4.0, VectorStoreConfig.ROUNDING_SIGMAS_DEFAULT, 0.0)) {
            store = open(Map.of(VectorStoreConfig.ROUNDING_SIGMAS_CONFIG, sigmas), stateDirectory.resolve("r" + sigmas));
            for (int i = 0; i < vectors.size(); i++) {
                store.put(item("item-" + i, vectors.get(i), "m", i));
            }
            answers.add(store.searchBatch(requests));
            shares.add(((IndexedVectorStore) store).scoredInFullShare("text"));
            store.close();
        }
        assertTrue(shares.get(1) < shares.get(0) && shares.get(2) < shares.get(1), "codes scored in full at 4, 2 and 0 deviations: "
                + shares);
        // Candidates are rerank.factor times the neighbours wanted: what the smaller allowance drops lies near the deepest of them.
        double kept = agreement(answers.get(0), answers.get(1));
        assertTrue(kept >= 0.99, "2 deviations kept " + kept + " of the neighbours found at 4");
        for (int q = 0; q < requests.size(); q += 4) {
            assertEquals(answers.get(0).get(q), answers.get(2).get(q), "query " + q + " above its least score");
        }
    }

    private static double agreement(List<List<Neighbour>> expected, List<List<Neighbour>> actual) {
        int same = 0;
        int total = 0;
        for (int q = 0; q < expected.size(); q++) {
            Set<String> ids = new HashSet<>();
            expected.get(q).forEach(neighbour -> ids.add(neighbour.id()));
            same += (int) actual.get(q).stream().filter(neighbour -> ids.contains(neighbour.id())).count();
            total += expected.get(q).size();
        }
        return same / (double) total;
    }

    @Test
    void shouldAnswerExactSearchesAsABruteForceScanOfEveryVector() {
        // The last case lies mostly in a few directions, so its index has a subspace and bounds by projections first
        // (so may the second: the centroids of its eight clusters span eight directions).
        for (String kind : List.of("3", "64", "384", "64 in a subspace")) {
            int dimension = Integer.parseInt(kind.split(" ")[0]);
            boolean inSubspace = kind.endsWith("subspace");
            store = open(Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:" + dimension), stateDirectory.resolve(kind.replace(' ', '-')));
            // Tight clusters, loose ones and exact duplicates (equal scores, so the tie order counts).
            ClusteredVectors tight = inSubspace ? ClusteredVectors.inSubspace(dimension, dimension, 6, 4, 0.2f, 0.3f)
                    : new ClusteredVectors(dimension, dimension, 4, 0.2f);
            ClusteredVectors loose = inSubspace ? ClusteredVectors.inSubspace(dimension + 1, dimension, 6, 4, 2f, 0.3f)
                    : new ClusteredVectors(dimension + 1, dimension, 4, 2f);
            List<VectorItem> stored = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                float[] v = i % 10 == 9 ? stored.get(i - 5).vectors().get("text") : i % 2 == 0 ? tight.next() : loose.next();
                stored.add(new VectorItem("item-" + i, Map.of("text", v), new ItemMetadata(null, "test", i, "m" + i % 3)));
                store.put(stored.get(i));
            }
            assertTrue(!inSubspace || ((IndexedVectorStore) store).subspace("text").isPresent(), kind);
            for (int q = 0; q < 40; q++) {
                float[] query = q % 4 == 0 ? stored.get(q * 7).vectors().get("text") : q % 2 == 0 ? tight.next() : loose.next();
                int k = 1 + q % 25;
                SearchRequest request = SearchRequest.of("text", query, k).withMode(SearchMode.EXACT);
                if (q % 3 == 0) {
                    request = request.withFilter(metadata -> !metadata.modelVersion().equals("m1"))
                            .withExcluded(Set.of("item-" + q * 7));
                }
                if (q % 5 == 1) {
                    // A floor between the best scores: only the neighbours reaching it, however few.
                    List<Neighbour> best = bruteForce(stored, request);
                    request = request.withMinScore(best.get(Math.min(best.size() - 1, q % 3)).score());
                }
                List<Neighbour> found = store.search(request);
                List<Neighbour> scanned = bruteForce(stored, request);
                assertEquals(scanned.stream().map(Neighbour::id).toList(), found.stream().map(Neighbour::id).toList(),
                        "dimension " + kind + ", query " + q);
                assertEquals(scanned.stream().map(Neighbour::score).toList(), found.stream().map(Neighbour::score).toList());
            }
            store.close();
        }
    }

    /**
     * A query from another space (an image searching captions: here a caption plus as much noise
     * in every direction) lies mostly outside the captions' subspace, so the first pass can only
     * bound what the rest of its dot products add. Above a floor near the top scores it still
     * rules out nearly every code, and finds what exact search finds.
     */
    @Test
    void shouldRuleOutMostCodesOfAForeignQueryAboveItsFloorAndFindWhatExactSearchFinds() {
        int dimension = 384;
        // More lists than the subspace has directions, as the 48 of 384 the index looks for need.
        store = open(Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:" + dimension, VectorStoreConfig.LISTS_CONFIG, 64));
        ClusteredVectors captions = ClusteredVectors.inSubspace(31, dimension, 12, 20, 0.6f, 0.1f);
        for (int i = 0; i < 3_000; i++) {
            store.put(new VectorItem("item-" + i, Map.of("text", captions.next()), new ItemMetadata(null, "test", i, "m1")));
        }
        assertTrue(((IndexedVectorStore) store).subspace("text").isPresent());
        java.util.Random random = new java.util.Random(32);
        int expected = 0;
        int found = 0;
        for (int q = 0; q < 50; q++) {
            float[] caption = captions.next();
            float[] query = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                query[i] = caption[i] + (float) random.nextGaussian() / (float) Math.sqrt(dimension);
            }
            VectorUtil.l2Normalise(query);
            float floor = store.search(SearchRequest.of("text", query, 3).withMode(SearchMode.EXACT)).get(2).score();
            SearchRequest request = SearchRequest.of("text", query, 10).withMinScore(floor);
            Set<String> exact = new HashSet<>();
            store.search(request.withMode(SearchMode.EXACT)).forEach(neighbour -> exact.add(neighbour.id()));
            List<Neighbour> approximate = store.search(request);
            assertTrue(approximate.stream().allMatch(neighbour -> neighbour.score() >= floor), approximate.toString());
            expected += exact.size();
            found += (int) approximate.stream().filter(neighbour -> exact.contains(neighbour.id())).count();
        }
        double share = ((IndexedVectorStore) store).scoredInFullShare("text");
        assertTrue(found >= 0.95 * expected, found + " of " + expected + " found");
        // Its projection is much like its caption's, its remainder not: granted the bound of like
        // remainders, as a caption would be, it scored 0.069 of the codes in full.
        assertTrue(share < 0.05, "scored " + share + " of the codes in full");
    }

    /** Every accepted item scored alone (as the store scores it), in the store's result order. */
    private List<Neighbour> bruteForce(List<VectorItem> items, SearchRequest request) {
        return items.stream()
                .filter(item -> request.accepts(item.id(), item.metadata()))
                .map(item -> new Neighbour(item.id(), store.similarity("text", request.query(), item.id()), item.metadata()))
                .filter(neighbour -> neighbour.score() >= request.minScore())
                .sorted(Neighbour.BEST_FIRST)
                .limit(request.k())
                .toList();
    }

    @Test
    void shouldScoreOneStoredItemExactlyAsItsSearchesDo() {
        store = open(Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:" + DIMENSION + ",image:" + DIMENSION));
        ClusteredVectors data = new ClusteredVectors(13, DIMENSION, 5, 0.9f);
        for (int i = 0; i < 50; i++) {
            Map<String, float[]> vectors = i == 7 ? Map.of("text", data.next()) : Map.of("text", data.next(), "image", data.next());
            store.put(new VectorItem("item-" + i, vectors, new ItemMetadata(null, "test", i, "m1")));
        }
        float[] query = data.next();
        for (Neighbour found : store.search(SearchRequest.of("text", query, 10).withMode(SearchMode.EXACT))) {
            assertEquals(found.score(), store.similarity("text", query, found.id()), "scored as the search scored " + found.id());
        }
        assertTrue(Float.isNaN(store.similarity("text", query, "unknown")));
        assertTrue(Float.isNaN(store.similarity("image", query, "item-7")), "an item without the field");
        store.delete("item-3");
        assertTrue(Float.isNaN(store.similarity("text", query, "item-3")));
        assertThrows(VectorStoreException.class, () -> store.similarity("text", new float[3], "item-4"));
    }

    @Test
    void shouldFileAnArrayChangedSinceItsSearchUnderItsOwnNearestList() {
        store = open(Map.of());
        ClusteredVectors data = new ClusteredVectors(21, DIMENSION, 32, 0.9f);
        putAll(data, 3_000);
        float[] reused = data.next();
        float[] elsewhere = data.next();
        while (VectorUtil.dotProduct(reused, elsewhere) > 0.2f) {
            elsewhere = data.next();
        }
        store.search(SearchRequest.of("text", reused, 10));
        // The search found the nearest list of the array as it was; the insert must not reuse it for new contents.
        System.arraycopy(elsewhere, 0, reused, 0, DIMENSION);
        store.put(item("moved", reused, "m1", 3_000));
        List<Neighbour> found = store.search(SearchRequest.of("text", elsewhere.clone(), 1).withProbes(1));
        assertEquals("moved", found.get(0).id());
    }

    @Test
    void shouldDeleteItsVectorFilesOnClose() throws java.io.IOException {
        store = open(Map.of());
        store.put(item("a", unit(0), "m1", 1));
        assertEquals(1, store.count());
        Path vectors = stateDirectory.resolve("vector-store-vectors").resolve(STORE);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(vectors)) {
            assertEquals(1, files.count());
        }
        store.close();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(vectors)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void shouldSkipExcludedIdsAndFilteredItems() {
        store = open(Map.of());
        float[] v = unit(0);
        store.put(item("anchor", v, "m1", 1));
        store.put(item("twin-old-model", v, "m0", 2));
        store.put(item("twin", v, "m1", 3));
        store.put(item("far", unit(1), "m1", 4));
        List<Neighbour> found = store.search(SearchRequest.of("text", v, 2).withExcluded(Set.of("anchor"))
                .withFilter(metadata -> metadata.modelVersion().equals("m1")));
        assertEquals(List.of("twin", "far"), found.stream().map(Neighbour::id).toList());
        assertEquals(1f, found.get(0).score(), 1e-6f);
        assertEquals(0f, found.get(1).score(), 1e-6f);
    }

    @Test
    void shouldReplaceAnItemStoredUnderTheSameId() {
        store = open(Map.of());
        store.put(item("a", unit(0), "m1", 1));
        store.put(item("a", unit(1), "m2", 2));
        assertEquals(1, store.count());
        Neighbour best = store.search(SearchRequest.of("text", unit(1), 1)).get(0);
        assertEquals("a", best.id());
        assertEquals("m2", best.metadata().modelVersion());
        assertEquals(1f, best.score(), 1e-6f);
    }

    @Test
    void shouldKeepThePayloadApartFromSearchesAndDropItWithTheItem() {
        store = open(Map.of(VectorStoreConfig.MAX_ITEMS_CONFIG, 1));
        byte[] payload = "a caption and an image".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put(item("a", unit(0), "m1", 1).withPayload(payload));
        assertTrue(java.util.Arrays.equals(payload, store.get("a").orElseThrow().payload()));
        store.put(item("a", unit(1), "m1", 2));
        assertEquals(null, store.get("a").orElseThrow().payload(), "a replacement without payload drops the old one");
        store.put(item("a", unit(1), "m1", 3).withPayload(payload));
        store.close();
        store = open(Map.of(VectorStoreConfig.MAX_ITEMS_CONFIG, 1));
        assertTrue(java.util.Arrays.equals(payload, store.get("a").orElseThrow().payload()), "kept across a restart");
        store.put(item("b", unit(2), "m1", 4));
        assertFalse(store.get("a").isPresent());
        store.put(item("a", unit(0), "m1", 5));
        assertEquals(null, store.get("a").orElseThrow().payload(), "eviction removed the payload too");
    }

    @Test
    void shouldSearchEachNamedVectorOfItemsWithSeveral() {
        store = open(Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:" + DIMENSION + ",image:" + DIMENSION));
        ItemMetadata metadata = new ItemMetadata(null, "test", 1, "m1");
        store.put(new VectorItem("a", Map.of("text", unit(0), "image", unit(1)), metadata));
        store.put(new VectorItem("b", Map.of("text", unit(1), "image", unit(0)), metadata));
        assertEquals("a", store.search(SearchRequest.of("text", unit(0), 1)).get(0).id());
        assertEquals("b", store.search(SearchRequest.of("image", unit(0), 1)).get(0).id());
    }

    @Test
    void shouldForgetDeletedItems() {
        store = open(Map.of());
        ClusteredVectors data = new ClusteredVectors(9, DIMENSION, 20, 0.9f);
        List<float[]> vectors = putAll(data, 5_000);
        for (int i = 0; i < 5_000; i += 2) {
            assertTrue(store.delete("item-" + i));
        }
        assertFalse(store.delete("item-0"));
        assertEquals(2_500, store.count());
        assertTrue(store.get("item-0").isEmpty());
        for (int i = 0; i < 100; i += 2) {
            List<Neighbour> found = store.search(SearchRequest.of("text", vectors.get(i), 10));
            assertTrue(found.stream().noneMatch(n -> Integer.parseInt(n.id().substring(5)) % 2 == 0), found::toString);
            assertEquals(10, found.size());
        }
    }

    @Test
    void shouldEvictTheOldestItemsBeyondTheMaximumCount() {
        store = open(Map.of(VectorStoreConfig.MAX_ITEMS_CONFIG, 3));
        for (int i = 0; i < 5; i++) {
            store.put(item("item-" + i, unit(i), "m1", 100 - i));
        }
        assertEquals(3, store.count());
        // Event time decides, not arrival: item-4 and item-3 have the oldest event times.
        assertTrue(store.get("item-4").isEmpty());
        assertTrue(store.get("item-3").isEmpty());
        assertTrue(store.get("item-0").isPresent());
        assertTrue(store.search(SearchRequest.of("text", unit(4), 3)).stream().noneMatch(n -> n.id().equals("item-4")));
    }

    @Test
    void shouldEvictItemsOlderThanTheMaximumAge() {
        store = open(Map.of(VectorStoreConfig.MAX_AGE_MS_CONFIG, 1_000L));
        store.put(item("old", unit(0), "m1", 1_000));
        store.put(item("recent", unit(1), "m1", 1_500));
        assertEquals(2, store.count());
        store.put(item("new", unit(2), "m1", 2_200));
        assertEquals(2, store.count());
        assertTrue(store.get("old").isEmpty());
        assertEquals(1, store.evictExpired(2_600));
        assertEquals(List.of("new"), store.search(SearchRequest.of("text", unit(1), 5)).stream()
                .map(Neighbour::id).toList());
    }

    @Test
    void shouldAnswerTheSameQueriesAfterRestartFromDisk() {
        store = open(Map.of());
        ClusteredVectors data = new ClusteredVectors(10, DIMENSION, 30, 0.9f);
        List<float[]> vectors = putAll(data, 4_000);
        store.delete("item-3");
        List<List<Neighbour>> before = searches(vectors.subList(0, 50));
        store.close();

        store = open(Map.of());
        assertEquals(3_999, store.count());
        assertEquals(before, searches(vectors.subList(0, 50)));
        assertTrue(store.get("item-3").isEmpty());
    }

    @Test
    void shouldRejectBadVectorsNamingTheStoreAndTheProblem() {
        store = open(Map.of());
        assertProblem("expects dimension 64, got 3", () -> store.put(item("a", new float[] {1f, 0f, 0f}, "m1", 1)));
        float[] nan = unit(0);
        nan[5] = Float.NaN;
        assertProblem("NaN", () -> store.put(item("a", nan, "m1", 1)));
        assertProblem("zero vector", () -> store.put(item("a", new float[DIMENSION], "m1", 1)));
        float[] unnormalised = unit(0);
        unnormalised[0] = 2f;
        assertProblem("not L2-normalised", () -> store.search(SearchRequest.of("text", unnormalised, 1)));
        assertProblem("unknown field 'image'", () -> store.search(SearchRequest.of("image", unit(0), 1)));
    }

    @Test
    void shouldRefuseOperationsOnAClosedStore() {
        store = open(Map.of());
        store.close();
        assertProblem("not open", () -> store.search(SearchRequest.of("text", unit(0), 1)));
        assertProblem("not open", () -> store.put(item("a", unit(0), "m1", 1)));
        assertProblem("not open", () -> store.count());
    }

    private void assertProblem(String expected, Runnable operation) {
        VectorStoreException e = assertThrows(VectorStoreException.class, operation::run);
        assertTrue(e.getMessage().startsWith("vector store '" + STORE + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private VectorStore open(Map<String, Object> overrides) {
        return open(overrides, stateDirectory);
    }

    private VectorStore open(Map<String, Object> overrides, Path directory) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                VectorStoreConfig.FIELDS_CONFIG, "text:" + DIMENSION,
                VectorStoreConfig.LISTS_CONFIG, 32,
                VectorStoreConfig.PROBES_CONFIG, 8,
                VectorStoreConfig.TRAINING_SIZE_CONFIG, 2_000));
        settings.putAll(overrides);
        return StandaloneStores.open(VectorStores.vectorStoreBuilder(STORE, settings).withLoggingDisabled().build(), directory);
    }

    private List<float[]> putAll(ClusteredVectors data, int n) {
        List<float[]> vectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = data.next();
            vectors.add(v);
            store.put(item("item-" + i, v, "m1", i));
        }
        return vectors;
    }

    private double recall(ClusteredVectors data, int queries, int k) {
        int hits = 0;
        for (int q = 0; q < queries; q++) {
            float[] query = data.next();
            Set<String> exact = new HashSet<>();
            store.search(SearchRequest.of("text", query, k).withMode(SearchMode.EXACT)).forEach(n -> exact.add(n.id()));
            hits += (int) store.search(SearchRequest.of("text", query, k)).stream().filter(n -> exact.contains(n.id()))
                    .count();
        }
        return hits / (double) (queries * k);
    }

    private List<List<Neighbour>> searches(List<float[]> queries) {
        return store.searchBatch(queries.stream().map(q -> SearchRequest.of("text", q, 10)).toList());
    }

    private static VectorItem item(String id, float[] vector, String modelVersion, long eventTimeMs) {
        return new VectorItem(id, Map.of("text", vector), new ItemMetadata("label", "test", eventTimeMs, modelVersion));
    }

    private static float[] unit(int axis) {
        float[] v = new float[DIMENSION];
        v[axis] = 1f;
        return v;
    }
}
