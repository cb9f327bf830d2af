package io.pairstream.topology.vector;

import java.nio.ByteBuffer;

/**
 * The kernels behind {@link VectorUtil}. Implementations do no argument checking: the front class
 * has already checked lengths and offsets.
 */
interface VectorOps {

    float dotProduct(float[] a, float[] b);

    float dotProduct(float[] a, float[] b, int bOffset, int length);

    int dotProduct(byte[] a, byte[] b, int bOffset, int length);

    /** Scores of {@code query} against the first {@code count} codes of its length stored back to back. */
    void dotProducts(byte[] query, byte[] codes, int count, int[] scores);

    /** Positions of the first {@code count} codes the first pass keeps ({@link FirstPassQuery#keeps}), into {@code rows}; how many. */
    int keptByFirstPass(int[] scores, float[] scales, float[] inverseNorms, float[] remainders, float[] allowances,
                        FirstPassQuery query, float beat, int count, int[] rows);

    /** {@code b} holds native-order floats from {@code bByteOffset}. */
    float dotProduct(float[] a, ByteBuffer b, int bByteOffset, int length);

    float squareNorm(float[] a);
}
