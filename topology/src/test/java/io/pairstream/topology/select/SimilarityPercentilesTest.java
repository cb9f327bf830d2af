package io.pairstream.topology.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimilarityPercentilesTest {

    @Test
    void shouldRankAgainstTheRecentValuesOnly() {
        SimilarityPercentiles percentiles = new SimilarityPercentiles(4);
        assertEquals(50f, percentiles.rankAndAdd(0.5f), "nothing to compare with yet");
        percentiles.rankAndAdd(0.1f);
        percentiles.rankAndAdd(0.2f);
        percentiles.rankAndAdd(0.3f);
        assertEquals(100f, percentiles.rankAndAdd(0.9f), "above all four");
        assertEquals(0f, percentiles.rankAndAdd(0.05f), "0.5 fell out of the window of four; below 0.1, 0.2, 0.3 and 0.9");
        assertEquals(62.5f, percentiles.rankAndAdd(0.3f), "above 0.2 and 0.05, equal to 0.3: (2 + 0.5) of 4");
    }
}
