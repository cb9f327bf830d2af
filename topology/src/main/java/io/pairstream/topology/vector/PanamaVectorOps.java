package io.pairstream.topology.vector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    /** Floats as many to a vector as {@link #INTS}, so an int vector converts lane for lane. */
    private static final VectorSpecies<Float> FLOAT_LIKE_INTS = VectorSpecies.of(float.class, INTS.vectorShape());
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

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
                acc = acc.add(widened(a, i).mul(widened(b, bOffset + i)));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            sum += a[i] * b[bOffset + i];
        }
        return sum;
    }

    /**
     * Scores four codes per pass: each query lane is widened once for four rows, and the four
     * independent sums keep the adders busy. The query is widened in the loop, not into an array
     * up front: most calls score a few codes (a list's survivors of the first pass), and widening
     * and allocating a whole query per call cost more than scoring them.
     */
    @Override
    public void dotProducts(byte[] query, byte[] codes, int count, int[] scores) {
        int length = query.length;
        int bound = INTS.loopBound(length);
        int row = 0;
        for (; row + 4 <= count; row += 4) {
            int base = row * length;
            scoreFour(query, bound, codes, base, base + length, base + 2 * length, base + 3 * length, scores, row);
        }
        for (; row < count; row++) {
            scores[row] = scoreOne(query, bound, codes, row * length);
        }
    }

    /**
     * The scalar loop's arithmetic in the same order, a vector of codes at a time; the kept
     * positions are then appended lane by lane without a branch, as the scalar loop does. (Reading
     * them off the comparison's mask would be fewer steps, but {@code VectorMask.toLong} is no
     * intrinsic on Java 17: it copied each mask out into a boolean array, a fifth of the stream
     * thread's time in an async-profiler profile of the throughput benchmark's burst.)
     */
    @Override
    public int keptByFirstPass(int[] scores, float[] scales, float[] inverseNorms, float[] remainders, float[] allowances,
                               FirstPassQuery query, float beat, int count, int[] rows) {
        VectorSpecies<Float> lanes = FLOAT_LIKE_INTS;
        float[] bounds = new float[lanes.length()];
        int kept = 0;
        int position = 0;
        for (int end = lanes.loopBound(count); position < end; position += lanes.length()) {
            FloatVector inside = ((FloatVector) IntVector.fromArray(INTS, scores, position).convert(VectorOperators.I2F, 0))
                    .mul(query.projectionScale()).mul(FloatVector.fromArray(lanes, scales, position));
            FloatVector alike = inside.mul(query.inverseNorm()).mul(FloatVector.fromArray(lanes, inverseNorms, position))
                    .max(query.unrelated()).min(1f);
            FloatVector optimistic = inside.add(FloatVector.broadcast(lanes, query.remainder())
                    .mul(FloatVector.fromArray(lanes, remainders, position)).mul(alike))
                    .add(FloatVector.fromArray(lanes, allowances, position).mul(query.allowanceShare()));
            optimistic.intoArray(bounds, 0);
            for (int lane = 0; lane < bounds.length; lane++) {
                rows[kept] = position + lane;
                kept += bounds[lane] >= beat ? 1 : 0;
            }
        }
        return ScalarVectorOps.keptByFirstPass(scores, scales, inverseNorms, remainders, allowances, query, beat, position, count,
                rows, kept);
    }

    /** Writes the scores of the codes at four offsets to {@code scores} from {@code out}. */
    private static void scoreFour(byte[] query, int bound, byte[] codes, int base0, int base1, int base2, int base3,
                                  int[] scores, int out) {
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = IntVector.zero(INTS);
        IntVector acc2 = IntVector.zero(INTS);
        IntVector acc3 = IntVector.zero(INTS);
        for (int i = 0; i < bound; i += INTS.length()) {
            IntVector q = widened(query, i);
            acc0 = acc0.add(q.mul(widened(codes, base0 + i)));
            acc1 = acc1.add(q.mul(widened(codes, base1 + i)));
            acc2 = acc2.add(q.mul(widened(codes, base2 + i)));
            acc3 = acc3.add(q.mul(widened(codes, base3 + i)));
        }
        scores[out] = acc0.reduceLanes(VectorOperators.ADD) + tail(query, codes, base0, bound);
        scores[out + 1] = acc1.reduceLanes(VectorOperators.ADD) + tail(query, codes, base1, bound);
        scores[out + 2] = acc2.reduceLanes(VectorOperators.ADD) + tail(query, codes, base2, bound);
        scores[out + 3] = acc3.reduceLanes(VectorOperators.ADD) + tail(query, codes, base3, bound);
    }

    private static int scoreOne(byte[] query, int bound, byte[] codes, int base) {
        IntVector acc = IntVector.zero(INTS);
        for (int i = 0; i < bound; i += INTS.length()) {
            acc = acc.add(widened(query, i).mul(widened(codes, base + i)));
        }
        return acc.reduceLanes(VectorOperators.ADD) + tail(query, codes, base, bound);
    }

    private static IntVector widened(byte[] codes, int offset) {
        return (IntVector) ByteVector.fromArray(BYTES, codes, offset).convertShape(VectorOperators.B2I, INTS, 0);
    }

    /** The scalar rest of a code beyond the last whole vector of lanes. */
    private static int tail(byte[] query, byte[] codes, int base, int from) {
        int sum = 0;
        for (int i = from; i < query.length; i++) {
            sum += query[i] * codes[base + i];
        }
        return sum;
    }

    /** One accumulator: this scores a few dozen re-rank candidates per query, not whole lists. */
    @Override
    public float dotProduct(float[] a, ByteBuffer b, int bByteOffset, int length) {
        int bound = FLOATS.loopBound(length);
        FloatVector acc = FloatVector.zero(FLOATS);
        for (int i = 0; i < bound; i += FLOATS.length()) {
            acc = FloatVector.fromArray(FLOATS, a, i)
                    .fma(FloatVector.fromByteBuffer(FLOATS, b, bByteOffset + i * Float.BYTES, NATIVE), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < length; i++) {
            sum += a[i] * b.getFloat(bByteOffset + i * Float.BYTES);
        }
        return sum;
    }

    @Override
    public float squareNorm(float[] a) {
        return dotProduct(a, a);
    }
}
