package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Random;

/**
 * Seeded, clustered, L2-normalised test vectors: a random unit centre plus Gaussian noise whose
 * norm is about {@code noise}, normalised again.
 */
final class ClusteredVectors {

    private final float[][] centres;
    private final Random random;
    private final float noisePerComponent;

    ClusteredVectors(long seed, int dimension, int clusters, float noise) {
        this.random = new Random(seed);
        this.noisePerComponent = noise / (float) Math.sqrt(dimension);
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = VectorUtil.l2Normalise(gaussian(dimension, 1f));
        }
    }

    float[] next() {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] v = gaussian(centre.length, noisePerComponent);
        for (int i = 0; i < v.length; i++) {
            v[i] += centre[i];
        }
        return VectorUtil.l2Normalise(v);
    }

    private float[] gaussian(int dimension, float sigma) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }
}
