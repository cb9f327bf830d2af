package io.pairstream.topology.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pairstream.schemas.records.Distribution;
import org.junit.jupiter.api.Test;

class DistributionsTest {

    @Test
    void shouldSummariseWithNearestRankQuantiles() {
        float[] values = new float[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }
        Distribution d = Distributions.of(values, 100);
        assertEquals(100, d.getCount());
        assertEquals(50.5f, d.getMean(), 1e-6f);
        assertEquals(10f, d.getP10());
        assertEquals(50f, d.getP50());
        assertEquals(90f, d.getP90());
        assertEquals(99f, d.getP99());
    }

    @Test
    void shouldUseOnlyTheFirstCountValuesAndZerosWhenEmpty() {
        assertEquals(new Distribution(0L, 0f, 0f, 0f, 0f, 0f), Distributions.of(new float[] {7f}, 0));
        Distribution one = Distributions.of(new float[] {3f, 99f}, 1);
        assertEquals(3f, one.getP99());
        assertEquals(3f, one.getMean());
    }
}
