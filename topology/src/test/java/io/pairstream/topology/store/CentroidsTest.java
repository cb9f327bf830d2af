package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CentroidsTest {

    private static final int DIMENSION = 96;
    private static final int LISTS = 400;

    private final ClusteredVectors data = new ClusteredVectors(5, DIMENSION, 150, 1.0f);
    private final float[] rows = learnedCentroids();
    private final Centroids centroids = new Centroids(rows, DIMENSION);

    @Test
    void shouldFindTheListsAnExactScanFinds() {
        for (int q = 0; q < 500; q++) {
            float[] vector = data.next();
            assertArrayEquals(exactNearest(vector, 12), centroids.nearest(vector, Int8Quantiser.quantise(vector), 12), "vector " + q);
            assertEquals(exactNearest(vector, 1)[0], centroids.nearest(vector, Int8Quantiser.quantise(vector), 1)[0]);
        }
    }

    @Test
    void shouldReturnEveryListWhenAskedForMore() {
        Centroids few = new Centroids(Arrays.copyOf(rows, 5 * DIMENSION), DIMENSION);
        assertEquals(5, few.count());
        float[] vector = data.next();
        assertEquals(5, few.nearest(vector, Int8Quantiser.quantise(vector), 20).length);
    }

    @Test
    void shouldFindNearListsThroughGroupsAndGroupTheSameWayWhenRebuilt() {
        int lists = Centroids.GROUPED_FROM + 100;
        float[] many = learnedCentroids(lists, 16_000);
        Centroids grouped = new Centroids(many, DIMENSION);
        Centroids rebuilt = new Centroids(many.clone(), DIMENSION);
        int queries = 400;
        int nearestFound = 0;
        int nearEnough = 0;
        int probesFound = 0;
        for (int q = 0; q < queries; q++) {
            float[] vector = data.next();
            Int8Quantiser.Code code = Int8Quantiser.quantise(vector);
            int[] probes = grouped.nearest(vector, code, 12);
            assertArrayEquals(probes, rebuilt.nearest(vector, code, 12), "query " + q);
            int[] exact = exactNearest(many, vector, 12);
            int nearest = grouped.nearest(vector, code, 1)[0];
            nearestFound += nearest == exact[0] ? 1 : 0;
            float gap = VectorUtil.dotProduct(vector, many, exact[0] * DIMENSION)
                    - VectorUtil.dotProduct(vector, many, nearest * DIMENSION);
            nearEnough += gap <= 0.05f ? 1 : 0;
            probesFound += (int) Arrays.stream(probes).filter(list -> Arrays.stream(exact).anyMatch(e -> e == list)).count();
        }
        // Hard data: 150 noisy clusters split into 1,124 lists, so many lists are near-ties.
        assertTrue(nearestFound >= 0.75 * queries, "nearest list found for " + nearestFound + " of " + queries);
        assertTrue(nearEnough >= 0.95 * queries, "a list within 0.05 of the nearest for " + nearEnough + " of " + queries);
        assertTrue(probesFound >= 0.75 * queries * 12, "probes found " + probesFound + " of " + queries * 12);
    }

    private int[] exactNearest(float[] vector, int n) {
        return exactNearest(rows, vector, n);
    }

    private static int[] exactNearest(float[] centroidRows, float[] vector, int n) {
        TopCandidates expected = new TopCandidates(n);
        for (int c = 0; c < centroidRows.length / DIMENSION; c++) {
            expected.offer(VectorUtil.dotProduct(vector, centroidRows, c * DIMENSION), c, c);
        }
        return expected.drainBestFirst().ordinals();
    }

    private static float[] learnedCentroids() {
        return learnedCentroids(LISTS, 8_000);
    }

    private static float[] learnedCentroids(int lists, int n) {
        ClusteredVectors sample = new ClusteredVectors(4, DIMENSION, 150, 1.0f);
        float[] points = new float[n * DIMENSION];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sample.next(), 0, points, i * DIMENSION, DIMENSION);
        }
        return SphericalKMeans.train(points, n, DIMENSION, lists, 4);
    }
}
