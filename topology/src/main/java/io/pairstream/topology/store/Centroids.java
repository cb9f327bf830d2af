package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Arrays;

/**
 * The learned centroids of an index, in floats and as int8 codes. Finding the nearest lists scores
 * centroid codes (a quarter of the bytes of floats, four codes per SIMD pass), then re-scores the
 * best few candidates exactly: the int8 error is about 1e-3, so among the centroids scored the
 * lists found are those an exact scan would find unless two are tied to within that error.
 *
 * <p>A large set ({@link #GROUPED_FROM} centroids or more, e.g. about 2,000 lists for a million
 * items) is itself grouped by k-means into about √count groups, and a search scores the group
 * centres first, then only the centroids of the best groups, at least a quarter of all: assigning
 * an insert to its list and choosing a query's probes then cost a fraction of a full scan, at the
 * price of sometimes missing a near list whose group ranked low. Groups are learned from the
 * centroids with a fixed seed, so a restored index groups and answers as the original did.
 */
final class Centroids {

    /** Candidates by int8 score beyond those wanted that are re-scored in floats. */
    static final int EXTRA_CANDIDATES = 8;
    /** The smallest centroid set that is searched through groups. */
    static final int GROUPED_FROM = 1024;
    /** A grouped search scores at least this fraction of the centroids (one in ...). */
    private static final int SCORED_FRACTION = 4;
    private static final int GROUPING_ITERATIONS = 10;

    private final float[] rows;
    private final int count;
    private final int dimension;
    /** Codes of the centroids, by group (one group of all when ungrouped), and what each is. */
    private final byte[][] groupCodes;
    private final float[][] groupScales;
    private final int[][] groupMembers;
    /** The group centres, themselves an ungrouped set; null when ungrouped. */
    private final Centroids groupCentres;

    Centroids(float[] rows, int dimension) {
        this.rows = rows;
        this.dimension = dimension;
        this.count = rows.length / dimension;
        int[] groupOf = new int[count];
        if (count >= GROUPED_FROM) {
            int groups = (int) Math.round(Math.sqrt(count));
            float[] centres = SphericalKMeans.train(rows, count, dimension, groups, GROUPING_ITERATIONS);
            float[] row = new float[dimension];
            for (int c = 0; c < count; c++) {
                System.arraycopy(rows, c * dimension, row, 0, dimension);
                groupOf[c] = SphericalKMeans.nearest(row, centres, groups, dimension);
            }
            this.groupCentres = new Centroids(centres, dimension);
        } else {
            this.groupCentres = null;
        }
        int groups = groupCentres == null ? 1 : groupCentres.count();
        int[] sizes = new int[groups];
        for (int c = 0; c < count; c++) {
            sizes[groupOf[c]]++;
        }
        this.groupCodes = new byte[groups][];
        this.groupScales = new float[groups][];
        this.groupMembers = new int[groups][];
        for (int g = 0; g < groups; g++) {
            groupCodes[g] = new byte[sizes[g] * dimension];
            groupScales[g] = new float[sizes[g]];
            groupMembers[g] = new int[sizes[g]];
        }
        Arrays.fill(sizes, 0);
        float[] row = new float[dimension];
        for (int c = 0; c < count; c++) {
            int g = groupOf[c];
            int position = sizes[g]++;
            System.arraycopy(rows, c * dimension, row, 0, dimension);
            groupScales[g][position] = Int8Quantiser.quantise(row, groupCodes[g], position * dimension);
            groupMembers[g][position] = c;
        }
    }

    int count() {
        return count;
    }

    /** The {@code n} lists of highest dot product with {@code vector}, whose code is {@code code}, nearest first. */
    int[] nearest(float[] vector, Int8Quantiser.Code code, int n) {
        int wanted = Math.min(n, count);
        TopCandidates candidates = new TopCandidates(Math.min(count, wanted + EXTRA_CANDIDATES));
        int[] scores = new int[0];
        int scored = 0;
        int enough = Math.max(count / SCORED_FRACTION, 4 * (wanted + EXTRA_CANDIDATES));
        for (int g : groupCentres == null ? new int[] {0} : groupCentres.byCodeScore(code)) {
            int size = groupMembers[g].length;
            if (scores.length < size) {
                scores = new int[size];
            }
            VectorUtil.dotProducts(code.bytes(), groupCodes[g], size, scores);
            for (int position = 0; position < size; position++) {
                int c = groupMembers[g][position];
                candidates.offer(scores[position] * code.scale() * groupScales[g][position], c, c);
            }
            scored += size;
            if (scored >= enough) {
                break;
            }
        }
        TopCandidates nearest = new TopCandidates(wanted);
        for (int c : candidates.drainBestFirst().ordinals()) {
            nearest.offer(VectorUtil.dotProduct(vector, rows, c * dimension), c, c);
        }
        return nearest.drainBestFirst().ordinals();
    }

    /** Every centroid of an ungrouped set, best int8 score first: the order groups are visited in. */
    private int[] byCodeScore(Int8Quantiser.Code code) {
        int[] scores = new int[count];
        VectorUtil.dotProducts(code.bytes(), groupCodes[0], count, scores);
        TopCandidates order = new TopCandidates(count);
        for (int position = 0; position < count; position++) {
            int c = groupMembers[0][position];
            order.offer(scores[position] * groupScales[0][position], c, c);
        }
        return order.drainBestFirst().ordinals();
    }
}
