package io.pairstream.topology.store;

/**
 * Symmetric per-vector scalar quantisation to signed bytes. A normalised vector's components are
 * scaled so the largest magnitude maps to 127; the dot product of two codes times both scales then
 * approximates the float dot product to about 1e-3, close enough to pick re-rank candidates while
 * holding a quarter of the memory of floats.
 */
final class Int8Quantiser {

    private static final float MAX_CODE = 127f;
    /** Covers the rounding of float dot products of a few thousand terms, far above it. */
    private static final double FLOAT_SLACK = 1e-4;
    /** A sum of hundreds of rounding errors is close to Gaussian: 4 deviations are exceeded about once in 15,000. */
    static final double ROUNDING_DEVIATIONS = 4;

    private Int8Quantiser() {
    }

    /** A vector's code and the scale that maps it back to floats. */
    record Code(byte[] bytes, float scale) {
    }

    /** The code of {@code vector}, made once per insert or query and used for both lists and centroids. */
    static Code quantise(float[] vector) {
        byte[] bytes = new byte[vector.length];
        return new Code(bytes, quantise(vector, bytes, 0));
    }

    /** Writes the code of {@code vector} into {@code codes} at {@code offset}; returns the scale. */
    static float quantise(float[] vector, byte[] codes, int offset) {
        float max = 0f;
        for (float component : vector) {
            max = Math.max(max, Math.abs(component));
        }
        float scale = max / MAX_CODE;
        float inverse = max > 0f ? MAX_CODE / max : 0f;
        for (int i = 0; i < vector.length; i++) {
            codes[offset + i] = (byte) Math.round(vector[i] * inverse);
        }
        return scale;
    }

    /**
     * How far the code estimate {@code (a·b)·s_q·s_x} of a dot product may lie from the float dot
     * product {@code q·x}, for a query {@code q} with code {@code a} and scale {@code s_q} and any
     * item {@code x} of norm at most {@code maxNorm} with scale {@code s_x}. Rounding leaves each
     * component within half a scale step, so with {@code q = s_q·a + η} and {@code x = s_x·b + ε}:
     * <pre>
     *   |q·x − s_q·s_x·(a·b)| = |s_q·(a·ε) + s_x·(b·η) + η·ε|
     *                         ≤ s_q·s_x·‖a‖₁/2 + s_q·(‖x‖₁ + d·s_x/2)/2 + d·s_q·s_x/4
     *                         ≤ s_x · s_q·(‖a‖₁ + d)/2  +  s_q·√d·maxNorm/2,
     * </pre>
     * plus a little for the float arithmetic of both products. Exact search uses it to skip, with
     * certainty, the items whose codes already show they cannot make the top.
     */
    static ErrorBound errorBound(Code query, float maxNorm) {
        long l1 = 0;
        for (byte component : query.bytes()) {
            l1 += Math.abs(component);
        }
        int dimension = query.bytes().length;
        float perItemScale = query.scale() * (l1 + dimension) / 2f;
        float constant = (float) (query.scale() * Math.sqrt(dimension) * maxNorm / 2 + FLOAT_SLACK);
        return new ErrorBound(perItemScale, constant);
    }

    /** The error bound of one query's code estimates: {@code perItemScale · s_x + constant}. */
    record ErrorBound(float perItemScale, float constant) {
        float of(float itemScale) {
            return perItemScale * itemScale + constant;
        }
    }

    /**
     * The typical counterpart of {@link #errorBound}, for searches that may rarely err: how far a
     * code estimate strays, in {@link #ROUNDING_DEVIATIONS} standard deviations, through the
     * rounding of a vector with this scale. Rounding leaves each component uniform within half a
     * step, a deviation of {@code scale/√12}, so the estimate errs by {@code s_q·(a·ε)}-like sums of
     * deviation at most {@code s·‖other‖/√12} with the other vector's norm at most about 1; the
     * error of an estimate is within the sum of the allowances of its two scales.
     */
    static float roundingAllowance(float scale) {
        return (float) (ROUNDING_DEVIATIONS * scale / Math.sqrt(12));
    }

    /** Writes the approximate floats of a code into {@code out} at {@code outOffset}. */
    static void dequantise(byte[] codes, int offset, float scale, float[] out, int outOffset, int dimension) {
        for (int i = 0; i < dimension; i++) {
            out[outOffset + i] = codes[offset + i] * scale;
        }
    }
}
