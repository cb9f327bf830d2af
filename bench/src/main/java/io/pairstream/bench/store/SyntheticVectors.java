package io.pairstream.bench.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Random;

/**
 * CLIP-like synthetic embeddings: seeded, clustered, L2-normalised. Each vector is a random unit
 * cluster centre plus Gaussian noise of norm about {@code noise}, normalised again.
 */
final class SyntheticVectors {

    private SyntheticVectors() {
    }

    static float[][] generate(long seed, int count, int dimension, int clusters, float noise) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = VectorUtil.l2Normalise(gaussian(random, dimension, 1f));
        }
        float sigma = noise / (float) Math.sqrt(dimension);
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] centre = centres[random.nextInt(clusters)];
            float[] v = gaussian(random, dimension, sigma);
            for (int j = 0; j < dimension; j++) {
                v[j] += centre[j];
            }
            vectors[i] = VectorUtil.l2Normalise(v);
        }
        return vectors;
    }

    private static float[] gaussian(Random random, int dimension, float sigma) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }
}
