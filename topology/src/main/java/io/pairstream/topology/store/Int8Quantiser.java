package io.pairstream.topology.store;

/**
 * Symmetric per-vector scalar quantisation to signed bytes. A normalised vector's components are
 * scaled so the largest magnitude maps to 127; the dot product of two codes times both scales then
 * approximates the float dot product to about 1e-3, close enough to pick re-rank candidates while
 * holding a quarter of the memory of floats.
 */
final class Int8Quantiser {

    private static final float MAX_CODE = 127f;

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

    /** Writes the approximate floats of a code into {@code out} at {@code outOffset}. */
    static void dequantise(byte[] codes, int offset, float scale, float[] out, int outOffset, int dimension) {
        for (int i = 0; i < dimension; i++) {
            out[outOffset + i] = codes[offset + i] * scale;
        }
    }
}
