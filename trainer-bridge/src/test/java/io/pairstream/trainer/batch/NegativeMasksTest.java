package io.pairstream.trainer.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegativeMasksTest {

    @Test
    void shouldMaskNegativesTheHintsRelateToTheAnchorSymmetrically() {
        List<TrainingPair> pairs = List.of(
                pair("a", "pa", Set.of("b"), 50),        // a's hints name anchor b
                pair("b", "pb", Set.of(), 50),
                pair("c", "pc", Set.of("s1"), 50),       // c and d are both near stored sample s1
                pair("d", "pd", Set.of("s1", "s2"), 50),
                pair("e", "pe", Set.of("s9"), 50));      // related to nobody

        boolean[][] masked = NegativeMasks.falseNegatives(pairs);

        boolean[][] expected = {
                {false, true, false, false, false},
                {true, false, false, false, false},
                {false, false, false, true, false},
                {false, false, true, false, false},
                {false, false, false, false, false}};
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], masked[i], "row " + i);
        }
        assertEquals(4, NegativeMasks.count(masked));
    }

    @Test
    void shouldMaskAPairWhoseAnchorIsAnotherPairsPositive() {
        boolean[][] masked = NegativeMasks.falseNegatives(List.of(pair("a", "b", Set.of(), 50), pair("b", "c", Set.of(), 50)));
        assertEquals(2, NegativeMasks.count(masked));
    }

    @Test
    void shouldMaskTheLeastSimilarFractionOfEachAnchorsNegatives() {
        float[][] similarity = {
                {1.0f, 0.9f, 0.1f, 0.5f, -0.2f},
                {0.9f, 1.0f, 0.3f, 0.2f, 0.4f},
                {0.1f, 0.3f, 1.0f, 0.0f, 0.8f},
                {0.5f, 0.2f, 0.0f, 1.0f, 0.6f},
                {-0.2f, 0.4f, 0.8f, 0.6f, 1.0f}};

        boolean[][] masked = NegativeMasks.easiest(similarity, 0.5f);   // 2 of 4 negatives per anchor

        assertArrayEquals(new boolean[] {false, false, true, false, true}, masked[0]);
        assertArrayEquals(new boolean[] {false, false, true, true, false}, masked[1]);
        assertArrayEquals(new boolean[] {true, false, false, true, false}, masked[2]);
        assertArrayEquals(new boolean[] {false, true, true, false, false}, masked[3]);
        assertArrayEquals(new boolean[] {true, true, false, false, false}, masked[4]);
        assertEquals(10, NegativeMasks.count(masked));
        assertEquals(0, NegativeMasks.count(NegativeMasks.easiest(similarity, 0.2f)), "floor(0.2 × 4) = 0");
    }

    @Test
    void shouldWeighOutPositivesBelowThePercentile() {
        List<TrainingPair> pairs = List.of(pair("a", "x", Set.of(), 5), pair("b", "y", Set.of(), 10), pair("c", "z", Set.of(), 90));
        assertArrayEquals(new float[] {0, 1, 1}, NegativeMasks.positivesAtOrAbove(pairs, 10));
    }

    private static TrainingPair pair(String anchor, String positive, Set<String> hints, float percentile) {
        return new TrainingPair(anchor, positive, new float[1], new float[1], hints, percentile, null, null);
    }
}
