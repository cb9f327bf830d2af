package io.pairstream.topology.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the incubating Panama Vector API. Compiled in a separate javac execution (see the
 * topology POM) so the rest of the build stays free of the incubator warning, and only ever loaded
 * reflectively by {@link VectorOpsProvider} when the module is present at run time.
 */
final class PanamaVectorOps implements VectorOps {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    // Bytes are widened to ints lane by lane, so a byte vector holds as many lanes as an int vector.
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.length() * Byte.SIZE));

    @Override
    public float dotProduct(float[] a, float[] b) {
        return dotProduct(a, b, 0, a.length);
    }

    @Override
    public float dotProduct(float[] a, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0f;
        int bound = FLOATS.loopBound(length);
        if (bound > 0) {
            // Two accumulators hide the latency of the fused multiply-add.
            FloatVector acc1 = FloatVector.zero(FLOATS);
            FloatVector acc2 = FloatVector.zero(FLOATS);
            int step = FLOATS.length();
            int pairBound = length - length % (2 * step);
            for (; i < pairBound; i += 2 * step) {
                acc1 = FloatVector.fromArray(FLOATS, a, i).fma(FloatVector.fromArray(FLOATS, b, bOffset + i), acc1);
                acc2 = FloatVector.fromArray(FLOATS, a, i + step)
                        .fma(FloatVector.fromArray(FLOATS, b, bOffset + i + step), acc2);
            }
            for (; i < bound; i += step) {
                acc1 = FloatVector.fromArray(FLOATS, a, i).fma(FloatVector.fromArray(FLOATS, b, bOffset + i), acc1);
            }
            sum = acc1.add(acc2).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            sum += a[i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public int dotProduct(byte[] a, byte[] b, int bOffset, int length) {
        int i = 0;
        int sum = 0;
        int bound = INTS.loopBound(length);
        if (bound > 0) {
            IntVector acc = IntVector.zero(INTS);
            for (; i < bound; i += INTS.length()) {
                IntVector va = (IntVector) ByteVector.fromArray(BYTES, a, i).convertShape(VectorOperators.B2I, INTS, 0);
                IntVector vb = (IntVector) ByteVector.fromArray(BYTES, b, bOffset + i)
                        .convertShape(VectorOperators.B2I, INTS, 0);
                acc = acc.add(va.mul(vb));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            sum += a[i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squareNorm(float[] a) {
        return dotProduct(a, a);
    }
}
