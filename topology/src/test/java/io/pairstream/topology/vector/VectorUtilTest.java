package io.pairstream.topology.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorUtilTest {

    private static final int MAX_DIMENSION = 1100;

    private final VectorOps scalar = new ScalarVectorOps();
    private final VectorOps simd = VectorOpsProvider.panamaOrNull();
    private final Random random = new Random(42);

    @Test
    void shouldRunTestsWithTheSimdKernels() {
        assertNotNull(simd, "tests run with --add-modules " + VectorOpsProvider.VECTOR_MODULE);
        assertEquals(simd.getClass(), VectorOpsProvider.instance().getClass());
    }

    @Test
    void shouldMatchScalarFloatDotProductAtEveryDimension() {
        for (int dimension = 1; dimension <= MAX_DIMENSION; dimension++) {
            float[] a = randomFloats(dimension);
            float[] b = randomFloats(dimension + 7);
            int offset = random.nextInt(8);
            float expected = scalar.dotProduct(a, b, offset, dimension);
            assertEquals(expected, simd.dotProduct(a, b, offset, dimension), 1e-4f * dimension, "dimension " + dimension);
            float[] c = randomFloats(dimension);
            assertEquals(scalar.dotProduct(a, c), simd.dotProduct(a, c), 1e-4f * dimension, "dimension " + dimension);
            assertEquals(scalar.squareNorm(a), simd.squareNorm(a), 1e-4f * dimension, "dimension " + dimension);
        }
    }

    @Test
    void shouldMatchScalarDotProductWithOffHeapFloatsAtEveryDimension() {
        for (int dimension = 1; dimension <= MAX_DIMENSION; dimension++) {
            float[] a = randomFloats(dimension);
            float[] b = randomFloats(dimension + 5);
            int offset = random.nextInt(6);
            ByteBuffer buffer = ByteBuffer.allocateDirect(b.length * Float.BYTES).order(ByteOrder.nativeOrder());
            buffer.asFloatBuffer().put(b);
            float expected = scalar.dotProduct(a, b, offset, dimension);
            assertEquals(expected, scalar.dotProduct(a, buffer, offset * Float.BYTES, dimension), 1e-4f * dimension);
            assertEquals(expected, simd.dotProduct(a, buffer, offset * Float.BYTES, dimension), 1e-4f * dimension,
                    "dimension " + dimension);
            assertEquals(expected, VectorUtil.dotProduct(a, buffer, offset * Float.BYTES), 1e-4f * dimension);
        }
    }

    @Test
    void shouldRejectOffHeapFloatsOutsideTheBufferOrInForeignByteOrder() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 * Float.BYTES).order(ByteOrder.nativeOrder());
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.dotProduct(new float[4], buffer, 4));
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN;
        assertThrows(IllegalArgumentException.class,
                () -> VectorUtil.dotProduct(new float[4], buffer.duplicate().order(foreign), 0));
    }

    @Test
    void shouldMatchScalarByteDotProductExactlyAtEveryDimension() {
        for (int dimension = 1; dimension <= MAX_DIMENSION; dimension++) {
            byte[] a = randomBytes(dimension);
            byte[] b = randomBytes(dimension + 9);
            int offset = random.nextInt(10);
            assertEquals(scalar.dotProduct(a, b, offset, dimension), simd.dotProduct(a, b, offset, dimension),
                    "dimension " + dimension);
        }
    }

    @Test
    void shouldMatchScalarBlockByteDotProductsExactlyAtEveryDimensionAndCount() {
        for (int dimension = 1; dimension <= 300; dimension++) {
            byte[] query = randomBytes(dimension);
            int count = random.nextInt(11);
            byte[] codes = randomBytes(count * dimension + random.nextInt(3));
            int[] expected = new int[count + 2];
            int[] actual = new int[count + 2];
            scalar.dotProducts(query, codes, count, expected);
            simd.dotProducts(query, codes, count, actual);
            assertArrayEquals(expected, actual, "dimension " + dimension);
            VectorUtil.dotProducts(query, codes, count, actual);
            assertArrayEquals(expected, actual, "dimension " + dimension);
            for (int row = 0; row < count; row++) {
                assertEquals(scalar.dotProduct(query, codes, row * dimension, dimension), expected[row]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.dotProducts(new byte[4], new byte[7], 2,
                new int[2]));
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.dotProducts(new byte[4], new byte[8], 2,
                new int[1]));
    }

    @Test
    void shouldKeepTheSameCodesInTheFirstPassAsThePlainLoopAtEveryCount() {
        for (int count = 0; count <= 200; count++) {
            int[] scores = new int[count];
            float[][] perCode = new float[4][count];
            for (int i = 0; i < count; i++) {
                scores[i] = random.nextInt(40_001) - 20_000;
                perCode[0][i] = 1e-5f + random.nextFloat() * 2e-5f;
                perCode[1][i] = i % 17 == 0 ? 0f : 1f + random.nextFloat();
                perCode[2][i] = random.nextFloat() * 0.3f;
                perCode[3][i] = random.nextFloat() * 0.01f;
            }
            FirstPassQuery query = new FirstPassQuery(1.1e-5f, 1.3f, 0.5f, 0.2f, count % 3 == 0 ? 1f : random.nextFloat());
            float beat = (float) random.nextGaussian() * 0.1f;
            int[] expected = new int[count];
            int[] actual = new int[count];
            int kept = scalar.keptByFirstPass(scores, perCode[0], perCode[1], perCode[2], perCode[3], query, beat, count, expected);
            assertEquals(kept, simd.keptByFirstPass(scores, perCode[0], perCode[1], perCode[2], perCode[3], query, beat, count, actual));
            assertArrayEquals(Arrays.copyOf(expected, kept), Arrays.copyOf(actual, kept), "count " + count);
            assertEquals(kept, VectorUtil.keptByFirstPass(scores, perCode[0], perCode[1], perCode[2], perCode[3], query, beat, count,
                    actual));
        }
        // By hand: inside 0.5; alike clamped to 1 for the first code (a remainder bound of 0.1), to 0.25 for the second (0.025).
        FirstPassQuery query = new FirstPassQuery(0.5f, 1f, 0.5f, 0.25f, 1f);
        float[] ones = {1f, 1f};
        int[] rows = new int[2];
        assertEquals(1, VectorUtil.keptByFirstPass(new int[] {1, 1}, ones, new float[] {4f, 0f}, new float[] {0.2f, 0.2f},
                new float[] {0f, 0.05f}, query, 0.6f, 2, rows));
        assertEquals(0, rows[0]);
        // The second code's allowance of 0.1 lifts it to 0.625 in full, to 0.575 at half.
        assertEquals(2, VectorUtil.keptByFirstPass(new int[] {1, 1}, ones, new float[] {4f, 0f}, new float[] {0.2f, 0.2f},
                new float[] {0f, 0.1f}, query, 0.6f, 2, rows));
        assertEquals(1, VectorUtil.keptByFirstPass(new int[] {1, 1}, ones, new float[] {4f, 0f}, new float[] {0.2f, 0.2f},
                new float[] {0f, 0.1f}, query.withAllowanceShare(0.5f), 0.6f, 2, rows));
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.keptByFirstPass(new int[3], ones, ones, ones, ones, query, 0.6f,
                3, new int[3]));
    }

    @Test
    void shouldHandleExtremeByteValuesWithoutOverflow() {
        byte[] a = new byte[1024];
        Arrays.fill(a, Byte.MIN_VALUE);
        assertEquals(1024 * 128 * 128, simd.dotProduct(a, a, 0, a.length));
        assertEquals(1024 * 128 * 128, VectorUtil.dotProduct(a, a, 0));
        int[] scores = new int[5];
        byte[] extremes = new byte[1024 * 5];
        Arrays.fill(extremes, Byte.MIN_VALUE);
        simd.dotProducts(a, extremes, 5, scores);
        assertArrayEquals(new int[] {1024 * 128 * 128, 1024 * 128 * 128, 1024 * 128 * 128, 1024 * 128 * 128,
            1024 * 128 * 128}, scores);
    }

    @Test
    void shouldRejectMismatchedDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorUtil.dotProduct(new float[3], new float[4]));
        assertTrue(e.getMessage().contains("3 != 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.dotProduct(new float[3], new float[4], 2));
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.dotProduct(new byte[3], new byte[4], -1));
    }

    @Test
    void shouldNormaliseAndRecogniseUnitVectors() {
        float[] v = VectorUtil.l2Normalise(new float[] {3f, 4f});
        assertEquals(0.6f, v[0], 1e-6f);
        assertTrue(VectorUtil.isNormalised(v));
        assertFalse(VectorUtil.isNormalised(new float[] {1f, 1f}));
        assertFalse(VectorUtil.isNormalised(new float[] {Float.NaN, 0f}));
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.l2Normalise(new float[2]));
    }

    private float[] randomFloats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private byte[] randomBytes(int n) {
        byte[] v = new byte[n];
        random.nextBytes(v);
        return v;
    }
}
