package io.pairstream.topology.quality;

import io.pairstream.schemas.records.Distribution;
import java.util.Arrays;

/** Summaries of observed values as the {@link Distribution} records windows carry. */
final class Distributions {

    private Distributions() {
    }

    /** Count, mean and nearest-rank quantiles of the first {@code count} values; zeros when there are none. */
    static Distribution of(float[] values, int count) {
        if (count == 0) {
            return new Distribution(0L, 0f, 0f, 0f, 0f, 0f);
        }
        float[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (float value : sorted) {
            sum += value;
        }
        return new Distribution((long) count, (float) (sum / count), quantile(sorted, 0.10), quantile(sorted, 0.50),
                quantile(sorted, 0.90), quantile(sorted, 0.99));
    }

    private static float quantile(float[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
