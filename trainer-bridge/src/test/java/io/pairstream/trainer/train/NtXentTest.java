package io.pairstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** NT-Xent against values worked out by hand on two pairs of 2-d views. */
class NtXentTest {

    private final NDManager manager = NDManager.newBaseManager("PyTorch");

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void shouldMatchTheHandComputedLossOfOrthogonalPairs() {
        // Each row: positive cosine 1, two negatives at cosine 0: −log(e / (e + 2)) = ln(e + 2) − 1.
        NDArray a = rows(1, 0, 0, 1);
        float loss = NtXent.loss(a, rows(1, 0, 0, 1), new boolean[2][2], new float[] {1, 1}, 1f).getFloat();
        assertEquals(Math.log(Math.E + 2) - 1, loss, 1e-5);
    }

    @Test
    void shouldMatchTheHandComputedLossWithATemperatureAndUnnormalisedViews() {
        // Views a0=(1,0), a1=(0,1), b0=(3,4)/5 (given unnormalised), b1=(0,1); t=0.5 doubles every cosine:
        // ℓ(a0) = −1.2 + ln(e^1.2 + 2)          = 0.4714953
        // ℓ(a1) = ℓ(b1) = −2 + ln(e^2 + 1 + e^1.6) = 0.5909236
        // ℓ(b0) = −1.2 + ln(e^1.2 + 2·e^1.6)     = 1.3821983
        float loss = NtXent.loss(rows(1, 0, 0, 1), rows(3, 4, 0, 1), new boolean[2][2], new float[] {1, 1}, 0.5f).getFloat();
        assertEquals((0.4714953 + 2 * 0.5909236 + 1.3821983) / 4, loss, 1e-5);
    }

    @Test
    void shouldLeaveMaskedNegativesOutOfTheDenominator() {
        // With the only other sample masked, each row's softmax holds its positive alone: loss 0.
        boolean[][] masked = {{false, true}, {true, false}};
        float loss = NtXent.loss(rows(1, 0, 0, 1), rows(3, 4, 0, 1), masked, new float[] {1, 1}, 0.5f).getFloat();
        assertEquals(0, loss, 1e-6);
    }

    @Test
    void shouldAverageOnlyThePairsThatKeepTheirWeight() {
        // Pair 1 weighed out: the mean of ℓ(a0) and ℓ(b0) above.
        float loss = NtXent.loss(rows(1, 0, 0, 1), rows(3, 4, 0, 1), new boolean[2][2], new float[] {1, 0}, 0.5f).getFloat();
        assertEquals((0.4714953 + 1.3821983) / 2, loss, 1e-5);
        float none = NtXent.loss(rows(1, 0, 0, 1), rows(3, 4, 0, 1), new boolean[2][2], new float[] {0, 0}, 0.5f).getFloat();
        assertEquals(0, none, 0);
    }

    private NDArray rows(float... values) {
        return manager.create(values, new Shape(2, 2));
    }
}
