package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;

/**
 * The learned centroids of an index, in floats and as int8 codes. Finding the nearest lists scores
 * every centroid's code (a quarter of the bytes of floats, four codes per SIMD pass), then re-scores
 * the best few candidates exactly: the int8 error is about 1e-3, so the lists found are those an
 * exact scan would find unless two centroids are tied to within that error, where either will do.
 */
final class Centroids {

    /** Candidates by int8 score beyond those wanted that are re-scored in floats. */
    static final int EXTRA_CANDIDATES = 8;

    private final float[] rows;
    private final int count;
    private final int dimension;
    private final byte[] codes;
    private final float[] scales;

    Centroids(float[] rows, int dimension) {
        this.rows = rows;
        this.dimension = dimension;
        this.count = rows.length / dimension;
        this.codes = new byte[rows.length];
        this.scales = new float[count];
        float[] row = new float[dimension];
        for (int c = 0; c < count; c++) {
            System.arraycopy(rows, c * dimension, row, 0, dimension);
            scales[c] = Int8Quantiser.quantise(row, codes, c * dimension);
        }
    }

    int count() {
        return count;
    }

    /** The {@code n} lists of highest dot product with {@code vector}, whose code is {@code code}, nearest first. */
    int[] nearest(float[] vector, Int8Quantiser.Code code, int n) {
        int wanted = Math.min(n, count);
        int[] scores = new int[count];
        VectorUtil.dotProducts(code.bytes(), codes, count, scores);
        TopCandidates candidates = new TopCandidates(Math.min(count, wanted + EXTRA_CANDIDATES));
        for (int c = 0; c < count; c++) {
            candidates.offer(scores[c] * code.scale() * scales[c], c, c);
        }
        TopCandidates nearest = new TopCandidates(wanted);
        for (int c : candidates.drainBestFirst().ordinals()) {
            nearest.offer(VectorUtil.dotProduct(vector, rows, c * dimension), c, c);
        }
        return nearest.drainBestFirst().ordinals();
    }
}
