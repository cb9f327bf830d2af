package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The inverted-file index of one vector field. Each item (by ordinal) sits in the list of its
 * nearest centroid as an int8 code held in memory; a query scans the codes of its nearest lists and
 * re-ranks the best of them exactly against the float vectors in {@link MappedVectors}. Before the
 * centroids are learned there is a single list, so search is an exhaustive scan of codes.
 */
final class IvfIndex {

    static final int UNASSIGNED = -1;
    private static final int INITIAL_ORDINALS = 1024;
    /** The largest norm of a stored vector: stores only take vectors normalised within the tolerance. */
    private static final float MAX_NORM = (float) Math.sqrt(1 + VectorUtil.NORMALISED_TOLERANCE);

    private final int dimension;
    private final MappedVectors vectors;
    private Centroids centroids;
    private PostingList[] lists;
    private int[] listOf = new int[INITIAL_ORDINALS];
    private int[] positionOf = new int[INITIAL_ORDINALS];
    private int size;

    IvfIndex(int dimension, MappedVectors vectors) {
        this.dimension = dimension;
        this.vectors = vectors;
        this.lists = new PostingList[] {new PostingList(dimension)};
        Arrays.fill(listOf, UNASSIGNED);
    }

    int size() {
        return size;
    }

    boolean trained() {
        return centroids != null;
    }

    /**
     * Adds the vector of {@code ordinal} to the list {@code listHint} when that is a valid list of
     * a trained index (as recorded in the store), else to its nearest list. Returns the list to
     * record with the item, or {@link #UNASSIGNED} while untrained, since the single untrained
     * list means nothing once centroids exist.
     */
    int add(int ordinal, float[] vector, int listHint) {
        Int8Quantiser.Code code = Int8Quantiser.quantise(vector);
        int list = !trained() ? 0 : listHint >= 0 && listHint < lists.length ? listHint
                : centroids.nearest(vector, code, 1)[0];
        ensureOrdinalCapacity(ordinal);
        vectors.put(ordinal, vector);
        positionOf[ordinal] = lists[list].append(ordinal, code);
        listOf[ordinal] = list;
        size++;
        return trained() ? list : UNASSIGNED;
    }

    /** The exact cosine of {@code query} and the indexed vector of {@code ordinal}. */
    float exactScore(float[] query, int ordinal) {
        return vectors.dotProduct(query, ordinal);
    }

    boolean contains(int ordinal) {
        return ordinal < listOf.length && listOf[ordinal] != UNASSIGNED;
    }

    void remove(int ordinal) {
        if (!contains(ordinal)) {
            return;
        }
        int moved = lists[listOf[ordinal]].remove(positionOf[ordinal]);
        if (moved >= 0) {
            positionOf[moved] = positionOf[ordinal];
        }
        listOf[ordinal] = UNASSIGNED;
        size--;
    }

    /** The approximate floats of every indexed vector, row by row, for learning centroids. */
    float[] trainingSample() {
        float[] sample = new float[size * dimension];
        int offset = 0;
        for (PostingList list : lists) {
            list.dequantiseAll(sample, offset);
            offset += list.size() * dimension;
        }
        return sample;
    }

    /** Installs learned centroids and moves every indexed vector to its nearest list, re-coded from its floats. */
    void install(float[] learned) {
        int[] members = indexedOrdinals();
        this.centroids = new Centroids(learned, dimension);
        this.lists = new PostingList[centroids.count()];
        for (int i = 0; i < lists.length; i++) {
            lists[i] = new PostingList(dimension);
        }
        Arrays.fill(listOf, UNASSIGNED);
        size = 0;
        for (int ordinal : members) {
            add(ordinal, vectors.vector(ordinal), UNASSIGNED);
        }
    }

    /**
     * Answers several queries at once, best first per query. Each probed list is scanned for all the
     * queries that probe it in turn, while its codes are in cache; a query's candidates by int8 score
     * are then re-ranked by exact dot product. The answer for a query does not depend on the other
     * queries of the batch: equal scores are ordered by the items' stable {@code tieKeys}.
     */
    TopCandidates.Ranked[] search(List<Query> queries, IntUnaryOperator tieKeys) {
        Scan[] scans = new Scan[queries.size()];
        int[][] probed = new int[scans.length][];
        int[] probesPerList = new int[lists.length];
        for (int q = 0; q < scans.length; q++) {
            Query query = queries.get(q);
            Int8Quantiser.Code code = Int8Quantiser.quantise(query.vector());
            scans[q] = new Scan(code, new TopCandidates(query.candidates()), query.accept());
            probed[q] = trained() ? centroids.nearest(query.vector(), code, query.probes()) : new int[] {0};
            for (int list : probed[q]) {
                probesPerList[list]++;
            }
        }
        int[][] probers = new int[lists.length][];
        for (int list = 0; list < lists.length; list++) {
            probers[list] = new int[probesPerList[list]];
            probesPerList[list] = 0;
        }
        for (int q = 0; q < scans.length; q++) {
            for (int list : probed[q]) {
                probers[list][probesPerList[list]++] = q;
            }
        }
        int[] scores = new int[0];
        for (int list = 0; list < lists.length; list++) {
            if (probers[list].length > 0 && scores.length < lists[list].size()) {
                scores = new int[lists[list].size()];
            }
            for (int q : probers[list]) {
                scan(lists[list], scans[q], scores, tieKeys);
            }
        }
        TopCandidates.Ranked[] ranked = new TopCandidates.Ranked[scans.length];
        for (int q = 0; q < scans.length; q++) {
            ranked[q] = rerank(queries.get(q), scans[q].top().drainBestFirst(), tieKeys);
        }
        return ranked;
    }

    /**
     * The exact best {@code k} accepted items: the same answer as scoring every vector exactly,
     * found by reading every int8 code first. The codes bound each item's exact score
     * ({@link Int8Quantiser#errorBound}); the {@code k}-th best lower bound among accepted items is a
     * score that {@code k} items certainly reach, so only items whose upper bound reaches it are
     * scored exactly, from the vector file. The codes are a quarter of the vectors' bytes, read in
     * order, and the exact scores are few.
     */
    TopCandidates.Ranked exactSearch(float[] query, int k, IntPredicate accept, IntUnaryOperator tieKeys) {
        Int8Quantiser.Code code = Int8Quantiser.quantise(query);
        Int8Quantiser.ErrorBound bound = Int8Quantiser.errorBound(code, MAX_NORM);
        TopCandidates surest = new TopCandidates(k);
        float[] upper = new float[size];
        int[] ordinals = new int[size];
        int count = 0;
        int[] scores = new int[0];
        for (PostingList list : lists) {
            int n = list.size();
            if (scores.length < n) {
                scores = new int[n];
            }
            VectorUtil.dotProducts(code.bytes(), list.codes(), n, scores);
            for (int position = 0; position < n; position++) {
                float estimate = scores[position] * code.scale() * list.scale(position);
                float error = bound.of(list.scale(position));
                int ordinal = list.ordinal(position);
                if (surest.wouldAccept(estimate - error) && accept.test(ordinal)) {
                    surest.offer(estimate - error, ordinal, 0);
                }
                upper[count] = estimate + error;
                ordinals[count++] = ordinal;
            }
        }
        float reached = surest.threshold();
        TopCandidates best = new TopCandidates(k);
        for (int i = 0; i < count; i++) {
            if (upper[i] >= reached) {
                int ordinal = ordinals[i];
                float score = vectors.dotProduct(query, ordinal);
                if (best.wouldAccept(score) && accept.test(ordinal)) {
                    best.offer(score, ordinal, tieKeys.applyAsInt(ordinal));
                }
            }
        }
        return best.drainBestFirst();
    }

    /**
     * Offers a list's codes to a query's candidates. Items tied with the worst candidate are common
     * (duplicate captions share one code), so the tie key is checked before the costlier filter.
     */
    private static void scan(PostingList list, Scan query, int[] scores, IntUnaryOperator tieKeys) {
        int n = list.size();
        VectorUtil.dotProducts(query.code().bytes(), list.codes(), n, scores);
        TopCandidates top = query.top();
        float queryScale = query.code().scale();
        for (int position = 0; position < n; position++) {
            float score = scores[position] * queryScale * list.scale(position);
            if (top.wouldAccept(score)) {
                int ordinal = list.ordinal(position);
                int tieKey = tieKeys.applyAsInt(ordinal);
                if (top.wouldAccept(score, tieKey) && query.accept().test(ordinal)) {
                    top.offer(score, ordinal, tieKey);
                }
            }
        }
    }

    private TopCandidates.Ranked rerank(Query query, TopCandidates.Ranked candidates, IntUnaryOperator tieKeys) {
        TopCandidates best = new TopCandidates(query.k());
        for (int ordinal : candidates.ordinals()) {
            best.offer(vectors.dotProduct(query.vector(), ordinal), ordinal, tieKeys.applyAsInt(ordinal));
        }
        return best.drainBestFirst();
    }

    private int[] indexedOrdinals() {
        int[] members = new int[size];
        int count = 0;
        for (int ordinal = 0; ordinal < listOf.length; ordinal++) {
            if (listOf[ordinal] != UNASSIGNED) {
                members[count++] = ordinal;
            }
        }
        return members;
    }

    private void ensureOrdinalCapacity(int ordinal) {
        if (ordinal >= listOf.length) {
            int capacity = Math.max(ordinal + 1, listOf.length * 2);
            int old = listOf.length;
            listOf = Arrays.copyOf(listOf, capacity);
            positionOf = Arrays.copyOf(positionOf, capacity);
            Arrays.fill(listOf, old, capacity, UNASSIGNED);
        }
    }

    /**
     * One approximate query: its vector, how many neighbours it wants, how many int8 candidates are
     * re-ranked exactly, how many lists it probes, and which ordinals it may return.
     */
    record Query(float[] vector, int k, int candidates, int probes, IntPredicate accept) {
    }

    /** A query's code and the candidates it gathers while lists are scanned. */
    private record Scan(Int8Quantiser.Code code, TopCandidates top, IntPredicate accept) {
    }
}
