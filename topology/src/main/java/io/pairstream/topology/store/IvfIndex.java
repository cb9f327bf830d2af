package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The in-memory inverted-file index of one vector field. Each item (by ordinal) sits in the list of
 * its nearest centroid as an int8 code; a query scans the codes of its nearest lists. Before the
 * centroids are learned there is a single list, so search is an exhaustive scan of codes.
 */
final class IvfIndex {

    static final int UNASSIGNED = -1;
    private static final int INITIAL_ORDINALS = 1024;

    private final int dimension;
    private float[] centroids;
    private PostingList[] lists;
    private int[] listOf = new int[INITIAL_ORDINALS];
    private int[] positionOf = new int[INITIAL_ORDINALS];
    private int size;

    IvfIndex(int dimension) {
        this.dimension = dimension;
        this.lists = new PostingList[] {new PostingList(dimension)};
        Arrays.fill(listOf, UNASSIGNED);
    }

    int size() {
        return size;
    }

    boolean trained() {
        return centroids != null;
    }

    int listCount() {
        return lists.length;
    }

    /** The learned centroids row by row; only when {@link #trained()}. */
    float[] centroids() {
        return centroids;
    }

    /**
     * Adds the vector of {@code ordinal} to the list {@code listHint} when that is a valid list of
     * a trained index (as recorded in the store), else to its nearest list. Returns the list to
     * record with the item, or {@link #UNASSIGNED} while untrained, since the single untrained
     * list means nothing once centroids exist.
     */
    int add(int ordinal, float[] vector, int listHint) {
        int list = trained() && listHint >= 0 && listHint < lists.length ? listHint : nearestList(vector);
        ensureOrdinalCapacity(ordinal);
        positionOf[ordinal] = lists[list].append(ordinal, vector);
        listOf[ordinal] = list;
        size++;
        return trained() ? list : UNASSIGNED;
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

    /**
     * Installs learned centroids and moves every indexed vector to its nearest list, using the
     * vectors re-read through {@code vectors} so codes are re-made from exact floats.
     */
    void install(float[] learned, OrdinalVectors vectors) {
        int[] members = indexedOrdinals();
        this.centroids = learned;
        this.lists = new PostingList[learned.length / dimension];
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
     * Offers to {@code top} every vector of the {@code probes} lists nearest the query, scored by
     * quantised dot product, and only those {@code accept} allows; equal scores are ordered by the
     * items' stable {@code tieKeys}.
     */
    void search(float[] query, int probes, TopCandidates top, IntPredicate accept, IntUnaryOperator tieKeys) {
        byte[] queryCode = new byte[dimension];
        float queryScale = Int8Quantiser.quantise(query, queryCode, 0);
        for (int list : nearestLists(query, Math.min(probes, lists.length))) {
            scan(lists[list], queryCode, queryScale, top, accept, tieKeys);
        }
    }

    private void scan(PostingList list, byte[] queryCode, float queryScale, TopCandidates top, IntPredicate accept,
                      IntUnaryOperator tieKeys) {
        byte[] codes = list.codes();
        for (int position = 0, n = list.size(); position < n; position++) {
            float score = VectorUtil.dotProduct(queryCode, codes, position * dimension) * queryScale
                    * list.scale(position);
            if (top.wouldAccept(score)) {
                int ordinal = list.ordinal(position);
                if (accept.test(ordinal)) {
                    top.offer(score, ordinal, tieKeys.applyAsInt(ordinal));
                }
            }
        }
    }

    private int nearestList(float[] vector) {
        return trained() ? SphericalKMeans.nearest(vector, centroids, lists.length, dimension) : 0;
    }

    private int[] nearestLists(float[] query, int probes) {
        if (!trained()) {
            return new int[] {0};
        }
        TopCandidates nearest = new TopCandidates(probes);
        for (int list = 0; list < lists.length; list++) {
            nearest.offer(VectorUtil.dotProduct(query, centroids, list * dimension), list, list);
        }
        return nearest.drainBestFirst().ordinals();
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

    /** Reads the exact vector of an ordinal, from wherever the full vectors are kept. */
    @FunctionalInterface
    interface OrdinalVectors {
        float[] vector(int ordinal);
    }
}
