package io.pairstream.topology.vector;

/**
 * The kernels behind {@link VectorUtil}. Implementations do no argument checking: the front class
 * has already checked lengths and offsets.
 */
interface VectorOps {

    float dotProduct(float[] a, float[] b);

    float dotProduct(float[] a, float[] b, int bOffset, int length);

    int dotProduct(byte[] a, byte[] b, int bOffset, int length);

    float squareNorm(float[] a);
}
