package io.pairstream.topology.align;

import io.pairstream.schemas.records.RejectionReason;

/**
 * The alignment check's judgement of one pair.
 *
 * @param score       the image–caption cosine
 * @param captionRank 1-based rank of the pair's own caption among the stored captions closest to its
 *                    image ({@code n + 1} when all {@code n} looked at beat it), or {@code null} when not computed
 * @param reason      why the pair is rejected, or {@code null} when it is accepted
 * @param detail      the decision in words, with the values that decided it
 */
public record AlignmentVerdict(float score, Integer captionRank, RejectionReason reason, String detail) {

    public boolean accepted() {
        return reason == null;
    }
}
