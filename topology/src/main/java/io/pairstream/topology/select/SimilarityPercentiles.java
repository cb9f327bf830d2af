package io.pairstream.topology.select;

/**
 * The percentile of a similarity among the most recent ones of the same strategy: a ring of the
 * last {@code capacity} values. A trainer drops pairs in the lowest percentiles as likely false
 * positives. Kept in memory: after a restart the history starts again from empty.
 */
final class SimilarityPercentiles {

    private final float[] recent;
    private int size;
    private int next;

    SimilarityPercentiles(int capacity) {
        this.recent = new float[capacity];
    }

    /** The percentile (0..100) of {@code value} among the recent values, then remembers it; 50 when there are none. */
    float rankAndAdd(float value) {
        float percentile = 50f;
        if (size > 0) {
            int below = 0;
            int equal = 0;
            for (int i = 0; i < size; i++) {
                below += recent[i] < value ? 1 : 0;
                equal += recent[i] == value ? 1 : 0;
            }
            percentile = 100f * (below + 0.5f * equal) / size;
        }
        recent[next] = value;
        next = (next + 1) % recent.length;
        size = Math.min(size + 1, recent.length);
        return percentile;
    }
}
