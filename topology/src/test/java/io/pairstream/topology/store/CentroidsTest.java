package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private int[] exactNearest(float[] vector, int n) {
        TopCandidates expected = new TopCandidates(n);
        for (int c = 0; c < LISTS; c++) {
            expected.offer(VectorUtil.dotProduct(vector, rows, c * DIMENSION), c, c);
        }
        return expected.drainBestFirst().ordinals();
    }

    private static float[] learnedCentroids() {
        ClusteredVectors sample = new ClusteredVectors(4, DIMENSION, 150, 1.0f);
        int n = 8_000;
        float[] points = new float[n * DIMENSION];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sample.next(), 0, points, i * DIMENSION, DIMENSION);
        }
        return SphericalKMeans.train(points, n, DIMENSION, LISTS, 4);
    }
}
