package io.pairstream.topology.quality;

import io.pairstream.schemas.records.Distribution;
import java.util.Arrays;

/** The values of one figure observed in a window, growing as needed. */
final class FloatSeries {

    private float[] values = new float[64];
    private int count;

    void add(float value) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
    }

    int count() {
        return count;
    }

    double sum() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum;
    }

    Distribution distribution() {
        return Distributions.of(values, count);
    }
}
