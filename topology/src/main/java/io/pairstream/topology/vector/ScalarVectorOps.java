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
                               FirstPassQuery query, float beat, int count, int[] rows) {
        return keptByFirstPass(scores, scales, inverseNorms, remainders, allowances, query, beat, 0, count, rows, 0);
    }

    /** Appends to {@code rows} from {@code kept} the positions from {@code from} to {@code count} the first pass keeps; returns the new count. */
    static int keptByFirstPass(int[] scores, float[] scales, float[] inverseNorms, float[] remainders, float[] allowances,
                               FirstPassQuery query, float beat, int from, int count, int[] rows, int kept) {
        int next = kept;
        for (int position = from; position < count; position++) {
            // Branch-free: about one code in ten is kept, in no predictable pattern.
            rows[next] = position;
            next += query.keeps(scores[position], scales[position], inverseNorms[position], remainders[position],
                    allowances[position], beat) ? 1 : 0;
        }
        return next;
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
