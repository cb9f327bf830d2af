package io.pairstream.topology.vector;

/** Plain loops: the reference every other implementation is tested against, and the fallback. */
final class ScalarVectorOps implements VectorOps {

    @Override
    public float dotProduct(float[] a, float[] b) {
        return dotProduct(a, b, 0, a.length);
    }

    @Override
    public float dotProduct(float[] a, float[] b, int bOffset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += a[i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public int dotProduct(byte[] a, byte[] b, int bOffset, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += a[i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squareNorm(float[] a) {
        return dotProduct(a, a);
    }
}
