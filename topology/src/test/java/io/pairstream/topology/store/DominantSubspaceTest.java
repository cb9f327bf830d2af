package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DominantSubspaceTest {

    private static final int DIMENSION = 128;

    @Test
    void shouldFindTheFewDirectionsCentroidsLieIn() {
        ClusteredVectors data = ClusteredVectors.inSubspace(3, DIMENSION, 12, 200, 0.5f, 0.2f);
        float[] centroids = rows(data, 300);
        DominantSubspace subspace = DominantSubspace.of(centroids, DIMENSION).orElseThrow();
        assertEquals(DIMENSION / 8, subspace.rank());
        assertTrue(subspace.energy() >= DominantSubspace.ENERGY_WANTED, "energy " + subspace.energy());

        float[] inside = data.next();
        DominantSubspace.Projection projection = subspace.project(inside);
        float[] coordinates = new float[subspace.rank()];
        Int8Quantiser.dequantise(projection.code().bytes(), 0, projection.code().scale(), coordinates, 0,
                coordinates.length);
        double insideEnergy = VectorUtil.squareNorm(coordinates);
        // What the projection keeps and what it leaves add up to the vector: the basis is orthonormal.
        assertEquals(1.0, insideEnergy + projection.remainder() * projection.remainder(), 0.02);
        assertTrue(projection.remainder() < 0.4, "remainder " + projection.remainder());

        float[] isotropic = VectorUtil.l2Normalise(gaussian(new Random(5), DIMENSION));
        DominantSubspace.Projection outside = subspace.project(isotropic);
        assertEquals(Math.sqrt(1 - 16.0 / DIMENSION), outside.remainder(), 0.15);
    }

    @Test
    void shouldFindNoneWhenCentroidsSpreadOverEveryDirection() {
        float[] centroids = rows(new ClusteredVectors(4, DIMENSION, 300, 0.5f), 300);
        assertEquals(Optional.empty(), DominantSubspace.of(centroids, DIMENSION));
    }

    @Test
    void shouldDeriveTheSameSubspaceFromTheSameCentroids() {
        float[] centroids = rows(ClusteredVectors.inSubspace(6, DIMENSION, 28, 100, 0.5f, 0.1f), 200);
        DominantSubspace first = DominantSubspace.of(centroids, DIMENSION).orElseThrow();
        DominantSubspace second = DominantSubspace.of(centroids.clone(), DIMENSION).orElseThrow();
        assertEquals(DIMENSION / 4, first.rank());
        float[] vector = VectorUtil.l2Normalise(gaussian(new Random(7), DIMENSION));
        assertArrayEquals(first.project(vector).code().bytes(), second.project(vector).code().bytes());
        assertEquals(first.project(vector).remainder(), second.project(vector).remainder());
    }

    private static float[] rows(ClusteredVectors data, int count) {
        float[] rows = new float[count * DIMENSION];
        for (int c = 0; c < count; c++) {
            System.arraycopy(data.next(), 0, rows, c * DIMENSION, DIMENSION);
        }
        return rows;
    }

    private static float[] gaussian(Random random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
