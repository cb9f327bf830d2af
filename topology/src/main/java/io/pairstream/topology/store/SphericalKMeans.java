package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Random;

/**
 * k-means on the unit sphere: points go to the centroid of highest dot product and each centroid
 * is the normalised mean of its points, which suits cosine search. Seeded, so a given sample always
 * yields the same centroids.
 */
final class SphericalKMeans {

    static final long SEED = 0x5eed_cafeL;

    private SphericalKMeans() {
    }

    /** Learns {@code k} centroids from {@code n} points of {@code dimension} stored row by row. */
    static float[] train(float[] points, int n, int dimension, int k, int iterations) {
        Random random = new Random(SEED);
        float[] centroids = new float[k * dimension];
        int[] order = shuffledIndexes(n, random);
        for (int c = 0; c < k; c++) {
            copyRow(points, order[c % n], centroids, c, dimension);
        }
        int[] assignment = new int[n];
        float[] row = new float[dimension];
        for (int iteration = 0; iteration < iterations; iteration++) {
            for (int p = 0; p < n; p++) {
                System.arraycopy(points, p * dimension, row, 0, dimension);
                assignment[p] = nearest(row, centroids, k, dimension);
            }
            recomputeCentroids(points, n, dimension, k, assignment, centroids, random);
        }
        return centroids;
    }

    /** The index of the centroid with the highest dot product with {@code vector}. */
    static int nearest(float[] vector, float[] centroids, int k, int dimension) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float score = VectorUtil.dotProduct(vector, centroids, c * dimension);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private static void recomputeCentroids(float[] points, int n, int dimension, int k, int[] assignment,
                                           float[] centroids, Random random) {
        float[] sums = new float[k * dimension];
        int[] counts = new int[k];
        for (int p = 0; p < n; p++) {
            int c = assignment[p];
            counts[c]++;
            for (int i = 0; i < dimension; i++) {
                sums[c * dimension + i] += points[p * dimension + i];
            }
        }
        float[] centroid = new float[dimension];
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                // An empty cluster would waste a list: restart it at a random point.
                copyRow(points, random.nextInt(n), centroids, c, dimension);
                continue;
            }
            System.arraycopy(sums, c * dimension, centroid, 0, dimension);
            if (VectorUtil.squareNorm(centroid) > 0f) {
                VectorUtil.l2Normalise(centroid);
                System.arraycopy(centroid, 0, centroids, c * dimension, dimension);
            }
        }
    }

    private static int[] shuffledIndexes(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static void copyRow(float[] from, int fromRow, float[] to, int toRow, int dimension) {
        System.arraycopy(from, fromRow * dimension, to, toRow * dimension, dimension);
    }
}
