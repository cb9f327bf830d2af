package io.pairstream.topology.quality;

/**
 * What a stage tells the quality stage besides the records it writes to its output topics (which
 * the quality stage sees directly, through a {@link QualityTap}).
 */
public sealed interface QualityEvent {

    /** A record arrived in the input topic, whatever it holds. */
    record Received() implements QualityEvent {
    }

    /** A pair reached the alignment check. */
    record Aligned(float score, boolean rejected) implements QualityEvent {
    }

    /**
     * Positives were selected for an anchor.
     *
     * @param examined       candidates looked at
     * @param nearDuplicates candidates skipped as near-duplicates of the anchor
     * @param recallHits     of a sampled query, neighbours the approximate search shared with the exact one
     * @param recallSampled  neighbours the exact search returned for a sampled query; 0 when none was sampled
     */
    record Selected(int examined, int nearDuplicates, int recallHits, int recallSampled) implements QualityEvent {
    }

    /** A sample was inserted into the vector store, which then held {@code storeSize} items. */
    record Stored(long storeSize) implements QualityEvent {
    }
}
