package io.pairstream.topology.vector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * All vector math of pairstream in one place. Checks arguments, then delegates to SIMD kernels when
 * the JVM offers them ({@code --add-modules jdk.incubator.vector}) or to plain loops otherwise.
 */
public final class VectorUtil {

    /** How far from 1 the squared norm of a vector called normalised may be. */
    public static final float NORMALISED_TOLERANCE = 1e-3f;

    private static final VectorOps OPS = VectorOpsProvider.instance();

    private VectorUtil() {
    }

    /** The dot product; equals cosine similarity for L2-normalised vectors. */
    public static float dotProduct(float[] a, float[] b) {
        checkLengths(a.length, b.length);
        return OPS.dotProduct(a, b);
    }

    /** The dot product of {@code a} with {@code a.length} floats of {@code b} starting at {@code bOffset}. */
    public static float dotProduct(float[] a, float[] b, int bOffset) {
        checkSlice(a.length, b.length, bOffset);
        return OPS.dotProduct(a, b, bOffset, a.length);
    }

    /** The integer dot product of {@code a} with {@code a.length} bytes of {@code b} from {@code bOffset}. */
    public static int dotProduct(byte[] a, byte[] b, int bOffset) {
        checkSlice(a.length, b.length, bOffset);
        return OPS.dotProduct(a, b, bOffset, a.length);
    }

    /**
     * The integer dot products of {@code query} with each of the first {@code count} codes of
     * {@code query.length} bytes stored back to back in {@code codes}, into {@code scores}: one call
     * per inverted list, so the query is prepared once for all its codes.
     */
    public static void dotProducts(byte[] query, byte[] codes, int count, int[] scores) {
        if (count < 0 || (long) count * query.length > codes.length || count > scores.length) {
            throw new IllegalArgumentException(count + " codes of " + query.length + " bytes do not fit "
                    + codes.length + " bytes or " + scores.length + " scores");
        }
        OPS.dotProducts(query, codes, count, scores);
    }

    /**
     * The first pass of a two-pass scan over {@code count} codes: writes to {@code rows} the
     * positions whose optimistic score ({@link FirstPassQuery#keeps}) reaches {@code beat}, from
     * their projection scores and per-code scales, inverse norms, remainders and rounding
     * allowances; returns how many. Vectorised when SIMD kernels are on, with the
     * plain loop's arithmetic in the same order, so both keep the same codes.
     */
    public static int keptByFirstPass(int[] scores, float[] scales, float[] inverseNorms, float[] remainders,
                                      float[] allowances, FirstPassQuery query, float beat, int count, int[] rows) {
        int shortest = Math.min(Math.min(scores.length, rows.length), Math.min(Math.min(scales.length, inverseNorms.length),
                Math.min(remainders.length, allowances.length)));
        if (count < 0 || count > shortest) {
            throw new IllegalArgumentException(count + " codes do not fit arrays of " + shortest);
        }
        return OPS.keptByFirstPass(scores, scales, inverseNorms, remainders, allowances, query, beat, count, rows);
    }

    /**
     * The dot product of {@code a} with {@code a.length} floats of {@code b}, in native byte order,
     * from byte {@code bByteOffset}: scores vectors kept off the heap without copying them.
     */
    public static float dotProduct(float[] a, ByteBuffer b, int bByteOffset) {
        if (b.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("the buffer must be in native byte order, is " + b.order());
        }
        checkSlice(a.length * Float.BYTES, b.limit(), bByteOffset);
        return OPS.dotProduct(a, b, bByteOffset, a.length);
    }

    public static float squareNorm(float[] a) {
        return OPS.squareNorm(a);
    }

    /** Scales {@code v} in place to unit length; throws when it is zero or not finite. */
    public static float[] l2Normalise(float[] v) {
        float norm = (float) Math.sqrt(squareNorm(v));
        if (!(norm > 0f) || !Float.isFinite(norm)) {
            throw new IllegalArgumentException("cannot normalise a vector of norm " + norm);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }

    /** Whether {@code v} has only finite components and unit length. */
    public static boolean isNormalised(float[] v) {
        float squareNorm = squareNorm(v);
        return Float.isFinite(squareNorm) && Math.abs(squareNorm - 1f) <= NORMALISED_TOLERANCE;
    }

    private static void checkLengths(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("vector dimensions differ: " + a + " != " + b);
        }
    }

    private static void checkSlice(int length, int arrayLength, int offset) {
        if (offset < 0 || offset > arrayLength - length) {
            throw new IllegalArgumentException(
                    "slice [" + offset + ", " + offset + " + " + length + ") outside an array of " + arrayLength);
        }
    }
}
