package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8QuantiserTest {

    @Test
    void shouldBoundTheErrorOfEveryCodeEstimate() {
        Random random = new Random(5);
        double tightest = Double.MAX_VALUE;
        for (int dimension : new int[] {1, 2, 3, 17, 64, 384, 512, 1024}) {
            for (int trial = 0; trial < 2_000; trial++) {
                float[] query = vector(random, dimension, trial % 3);
                float[] item = vector(random, dimension, trial % 5);
                Int8Quantiser.Code queryCode = Int8Quantiser.quantise(query);
                Int8Quantiser.Code itemCode = Int8Quantiser.quantise(item);
                long codeDot = 0;
                for (int i = 0; i < dimension; i++) {
                    codeDot += queryCode.bytes()[i] * itemCode.bytes()[i];
                }
                float estimate = codeDot * queryCode.scale() * itemCode.scale();
                double bound = Int8Quantiser.errorBound(queryCode, 1f).of(itemCode.scale());
                double error = Math.abs(VectorUtil.dotProduct(query, item) - estimate);
                assertTrue(error <= bound, "dimension " + dimension + ": error " + error + " over the bound " + bound);
                tightest = Math.min(tightest, bound - error);
            }
        }
        assertTrue(tightest < 0.01, "the bound is loose everywhere: " + tightest);
    }

    /** A unit vector: Gaussian, one spike, or nearly constant (codes all near 127). */
    private static float[] vector(Random random, int dimension, int kind) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = switch (kind) {
                case 0 -> (float) random.nextGaussian();
                case 1 -> i == 0 ? 50f : (float) random.nextGaussian();
                default -> 1f + 0.01f * (float) random.nextGaussian();
            };
        }
        return VectorUtil.l2Normalise(v);
    }
}
