package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Random;

/**
 * Seeded, clustered, L2-normalised test vectors: a random unit centre plus Gaussian noise whose
 * norm is about {@code noise}, normalised again. Made {@link #inSubspace}, centres and noise lie
 * in a few random directions and only a little noise spills into the rest, as with real
 * embeddings, whose energy sits mostly in a few directions.
 */
final class ClusteredVectors {

    private final float[][] centres;
    private final Random random;
    private final float noisePerComponent;
    /** Rows spanning the subspace the clusters lie in; null when they span every direction. */
    private final float[][] directions;
    private final float spillPerComponent;
    private final int dimension;

    ClusteredVectors(long seed, int dimension, int clusters, float noise) {
        this(seed, dimension, dimension, clusters, noise, 0f);
    }

    private ClusteredVectors(long seed, int dimension, int rank, int clusters, float noise, float spill) {
        this.random = new Random(seed);
        this.dimension = dimension;
        this.noisePerComponent = noise / (float) Math.sqrt(rank);
        this.spillPerComponent = spill / (float) Math.sqrt(dimension);
        this.directions = rank == dimension ? null : new float[rank][];
        for (int r = 0; directions != null && r < rank; r++) {
            directions[r] = VectorUtil.l2Normalise(gaussian(dimension, 1f));
        }
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = VectorUtil.l2Normalise(gaussian(rank, 1f));
        }
    }

    /**
     * Clusters whose centres and noise lie in {@code rank} random directions, plus isotropic noise
     * of norm about {@code spill} over all of them.
     */
    static ClusteredVectors inSubspace(long seed, int dimension, int rank, int clusters, float noise, float spill) {
        return new ClusteredVectors(seed, dimension, rank, clusters, noise, spill);
    }

    float[] next() {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] coordinates = gaussian(centre.length, noisePerComponent);
        for (int i = 0; i < coordinates.length; i++) {
            coordinates[i] += centre[i];
        }
        if (directions == null) {
            return VectorUtil.l2Normalise(coordinates);
        }
        float[] v = gaussian(dimension, spillPerComponent);
        for (int r = 0; r < directions.length; r++) {
            for (int i = 0; i < dimension; i++) {
                v[i] += coordinates[r] * directions[r][i];
            }
        }
        return VectorUtil.l2Normalise(v);
    }

    private float[] gaussian(int length, float sigma) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }
}
