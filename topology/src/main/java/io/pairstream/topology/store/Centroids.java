package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;

/**
 * The learned centroids of an index, grouped by a second, coarser spherical k-means so that an
 * insert finds its list by scoring the group centres and then only the centroids of the few best
 * groups: at 576 lists that is under a third of the dot products, at 2,000 lists about a sixth.
 * Near ties across groups may send a vector to a list almost as close as the nearest one, which
 * costs no recall since queries probe several lists. Queries rank every centroid exactly.
 *
 * <p>The grouping is seeded and derived from the centroids alone, so a restored index, which
 * reads the same centroids back, groups them the same way.
 */
final class Centroids {

    /** Groups whose centroids an insert scores; more make the nearest list more certain. */
    static final int GROUP_PROBES = 8;
    private static final int GROUPING_ITERATIONS = 10;

    private final float[] rows;
    private final int count;
    private final int dimension;
    private final float[] groupCentres;
    private final int[][] members;

    Centroids(float[] rows, int dimension) {
        this.rows = rows;
        this.dimension = dimension;
        this.count = rows.length / dimension;
        int groups = (int) Math.round(Math.sqrt(count));
        if (groups * GROUP_PROBES >= count) {
            // Too few centroids for grouping to save anything: one group holds them all.
            this.groupCentres = null;
            this.members = new int[][] {range(count)};
            return;
        }
        this.groupCentres = SphericalKMeans.train(rows, count, dimension, groups, GROUPING_ITERATIONS);
        this.members = membersByGroup(groups);
    }

    int count() {
        return count;
    }

    /** The list for a new vector: its nearest centroid among those of its {@link #GROUP_PROBES} nearest groups. */
    int nearest(float[] vector) {
        int[] groups = groupCentres == null ? new int[] {0} : nearestRows(vector, groupCentres, GROUP_PROBES);
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int group : groups) {
            for (int centroid : members[group]) {
                float score = VectorUtil.dotProduct(vector, rows, centroid * dimension);
                if (score > bestScore) {
                    bestScore = score;
                    best = centroid;
                }
            }
        }
        return best;
    }

    /** The {@code n} lists whose centroids are nearest the query, nearest first; exact. */
    int[] nearest(float[] query, int n) {
        return nearestRows(query, rows, n);
    }

    private int[] nearestRows(float[] vector, float[] matrix, int n) {
        int rowCount = matrix.length / dimension;
        TopCandidates nearest = new TopCandidates(Math.min(n, rowCount));
        for (int row = 0; row < rowCount; row++) {
            nearest.offer(VectorUtil.dotProduct(vector, matrix, row * dimension), row, row);
        }
        return nearest.drainBestFirst().ordinals();
    }

    private int[][] membersByGroup(int groups) {
        int[] groupOf = new int[count];
        int[] sizes = new int[groups];
        float[] row = new float[dimension];
        for (int c = 0; c < count; c++) {
            System.arraycopy(rows, c * dimension, row, 0, dimension);
            groupOf[c] = SphericalKMeans.nearest(row, groupCentres, groups, dimension);
            sizes[groupOf[c]]++;
        }
        int[][] byGroup = new int[groups][];
        for (int g = 0; g < groups; g++) {
            byGroup[g] = new int[sizes[g]];
            sizes[g] = 0;
        }
        for (int c = 0; c < count; c++) {
            byGroup[groupOf[c]][sizes[groupOf[c]]++] = c;
        }
        return byGroup;
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
