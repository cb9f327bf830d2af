package io.pairstream.topology.vector;

import java.nio.ByteBuffer;

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
    public void dotProducts(byte[] query, byte[] codes, int count, int[] scores) {
        for (int row = 0; row < count; row++) {
            scores[row] = dotProduct(query, codes, row * query.length, query.length);
        }
    }

    @Override
    public int keptByFirstPass(int[] scores, float[] scales, float[] inverseNorms, float[] remainders, float[] allowances,
                               FirstPassBound bound, int count, int[] rows) {
        int kept = 0;
        for (int position = 0; position < count; position++) {
            float inside = scores[position] * bound.projectionScale() * scales[position];
            float alike = Math.min(1f, Math.max(bound.unrelated(), inside * bound.inverseNorm() * inverseNorms[position]));
            float optimistic = inside + bound.remainder() * remainders[position] * alike + allowances[position];
            // Branch-free: about one code in ten is kept, in no predictable pattern.
            rows[kept] = position;
            kept += optimistic >= bound.beat() ? 1 : 0;
        }
        return kept;
    }

    @Override
    public float dotProduct(float[] a, ByteBuffer b, int bByteOffset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += a[i] * b.getFloat(bByteOffset + i * Float.BYTES);
        }
        return sum;
    }

    @Override
    public float squareNorm(float[] a) {
        return dotProduct(a, a);
    }
}
