package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.topology.vector.VectorUtil;
import org.junit.jupiter.api.Test;

class CentroidsTest {

    private static final int DIMENSION = 96;
    private static final int LISTS = 400;
    private static final float NEAR_TIE = 0.05f;

    private final ClusteredVectors data = new ClusteredVectors(5, DIMENSION, 150, 1.0f);
    private final Centroids centroids = new Centroids(learnedCentroids(), DIMENSION);

    /** Widely spread clusters split over several lists each, so near ties are common here. */
    @Test
    void shouldFileVectorsUnderTheirNearestCentroidOrOneAlmostAsNear() {
        float[] rows = learnedCentroids();
        int exact = 0;
        int near = 0;
        int vectors = 2_000;
        for (int i = 0; i < vectors; i++) {
            float[] v = data.next();
            int chosen = centroids.nearest(v);
            int nearest = centroids.nearest(v, 1)[0];
            exact += chosen == nearest ? 1 : 0;
            float gap = VectorUtil.dotProduct(v, rows, nearest * DIMENSION) - VectorUtil.dotProduct(v, rows, chosen * DIMENSION);
            near += gap <= NEAR_TIE ? 1 : 0;
        }
        assertTrue(exact >= 0.75 * vectors, exact + " of " + vectors + " filed under their nearest centroid");
        assertTrue(near >= 0.95 * vectors, near + " of " + vectors + " filed within " + NEAR_TIE + " of the nearest");
    }

    @Test
    void shouldRankListsForQueriesExactly() {
        float[] rows = learnedCentroids();
        Centroids ranked = new Centroids(rows, DIMENSION);
        for (int q = 0; q < 20; q++) {
            float[] query = data.next();
            TopCandidates expected = new TopCandidates(8);
            for (int c = 0; c < LISTS; c++) {
                expected.offer(VectorUtil.dotProduct(query, rows, c * DIMENSION), c, c);
            }
            assertArrayEquals(expected.drainBestFirst().ordinals(), ranked.nearest(query, 8));
        }
    }

    @Test
    void shouldScoreEveryCentroidWhenThereAreTooFewToGroup() {
        ClusteredVectors few = new ClusteredVectors(6, DIMENSION, 10, 1.0f);
        float[] rows = new float[20 * DIMENSION];
        for (int c = 0; c < 20; c++) {
            System.arraycopy(few.next(), 0, rows, c * DIMENSION, DIMENSION);
        }
        Centroids small = new Centroids(rows, DIMENSION);
        for (int i = 0; i < 200; i++) {
            float[] v = few.next();
            assertEquals(small.nearest(v, 1)[0], small.nearest(v));
        }
    }

    private float[] learnedCentroids() {
        ClusteredVectors sample = new ClusteredVectors(4, DIMENSION, 150, 1.0f);
        int n = 8_000;
        float[] points = new float[n * DIMENSION];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sample.next(), 0, points, i * DIMENSION, DIMENSION);
        }
        return SphericalKMeans.train(points, n, DIMENSION, LISTS, 4);
    }
}
