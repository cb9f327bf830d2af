package io.pairstream.topology.align;

import io.pairstream.schemas.records.RejectionReason;
import io.pairstream.topology.config.AlignmentSettings;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.search.Lookup;
import io.pairstream.topology.search.SearchedPair;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.VectorStore;
import java.util.List;
import java.util.Locale;

/**
 * Judges whether a pair's caption belongs to its image (the wrongly matched pairs of Nakada et
 * al.): by the image–caption cosine, and by the rank of the caption among the stored captions that
 * match the image best. The rank test catches a caption that fits its image less well than what
 * the stream has seen for such images, even when the cosine alone looks plausible.
 */
public final class AlignmentJudge {

    private final AlignmentSettings settings;

    public AlignmentJudge(AlignmentSettings settings) {
        this.settings = settings;
    }

    /**
     * Judges the pair. Its {@link Lookup#CAPTIONS_FOR_IMAGE} neighbours are the stored captions
     * that beat its own by at least the margin; only a rejected caption's rank is worked out, with
     * the rivals that beat it by less.
     */
    public AlignmentVerdict judge(SearchedPair searched, VectorStore store) {
        EmbeddedPair pair = searched.pair();
        float score = pair.alignment();
        if (score < settings.minScore()) {
            return new AlignmentVerdict(score, null, RejectionReason.LOW_ALIGNMENT, String.format(Locale.ROOT,
                    "image-caption cosine %.4f is below the threshold %.4f", score, settings.minScore()));
        }
        if (!settings.ranks() || store.count() < settings.rankMinStoreSize()) {
            return new AlignmentVerdict(score, null, null, "accepted on the cosine alone");
        }
        List<Neighbour> rivals = searched.neighbours(Lookup.CAPTIONS_FOR_IMAGE, store);
        int clearlyBetter = 0;
        for (Neighbour rival : rivals) {
            clearlyBetter += rival.score() > score + settings.rankMargin() ? 1 : 0;
        }
        if (clearlyBetter < settings.rankK()) {
            return new AlignmentVerdict(score, null, null, String.format(Locale.ROOT,
                    "accepted: fewer than %d stored caption(s) beat its own by more than %.4f", settings.rankK(), settings.rankMargin()));
        }
        int better = searched.neighboursAbove(Lookup.CAPTIONS_FOR_IMAGE, Math.nextUp(score), store).size();
        return new AlignmentVerdict(score, better + 1, RejectionReason.CAPTION_NOT_IN_TOP_K, String.format(Locale.ROOT,
                "%d stored caption(s) match the image better than its own (cosine %.4f) by more than %.4f; the best by %.4f",
                clearlyBetter, score, settings.rankMargin(), rivals.get(0).score() - score));
    }
}
