package io.pairstream.topology.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * When an incoming pair is judged wrongly matched: its image–caption cosine is under
 * {@code minScore}, or at least {@code rankK} stored captions match its image better than its own
 * caption by more than {@code rankMargin} (once the store holds {@code rankMinStoreSize} items);
 * those captions are searched in {@code rankProbes} inverted lists (0: the store's default).
 *
 * <p>The defaults come from {@code bench/curation/calibrate.sh} on Fashion-MNIST with the
 * mini-CLIP at 10% injected mismatches: a cosine under 0.22 rejects 3 of 4,512 matched pairs and
 * 333 of 488 mismatched ones with no stored caption needed, and with a caption beaten by more than
 * 0.065 by the best stored one the two flag mismatches with precision 0.909 and recall 0.920
 * (README). Other models need their own.
 */
public record AlignmentSettings(double minScore, int rankK, double rankMargin, int rankMinStoreSize, int rankProbes) {

    public static final String MIN_SCORE_CONFIG = "alignment.min.score";
    /** The mini-CLIP's calibrated cosine threshold (see the class comment). */
    public static final double MIN_SCORE_DEFAULT = 0.22;
    public static final String RANK_K_CONFIG = "alignment.rank.k";
    public static final String RANK_MARGIN_CONFIG = "alignment.rank.margin";
    public static final String RANK_MIN_STORE_SIZE_CONFIG = "alignment.rank.min.store.size";
    public static final String RANK_PROBES_CONFIG = "alignment.rank.probes";

    static ConfigDef define(ConfigDef def) {
        return def
                .define(MIN_SCORE_CONFIG, Type.DOUBLE, MIN_SCORE_DEFAULT, Range.between(-1, 1), Importance.HIGH,
                        "Pairs whose image-caption cosine is below this are rejected as LOW_ALIGNMENT. -1 turns the test off.")
                .define(RANK_K_CONFIG, Type.INT, 1, Range.between(0, 1_000), Importance.HIGH,
                        "Pairs for which this many stored captions beat their own caption (by more than the margin) "
                                + "are rejected as CAPTION_NOT_IN_TOP_K. 0 turns the test off.")
                .define(RANK_MARGIN_CONFIG, Type.DOUBLE, 0.065, Range.between(0, 2), Importance.MEDIUM,
                        "How much better than the pair's own caption a stored caption must match the image to count against it.")
                .define(RANK_MIN_STORE_SIZE_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.LOW,
                        "Stored items needed before the rank test applies; 0 applies it from the first stored sample. A "
                                + "nearly empty store may hold no caption of the image's kind to beat a wrong one, but skipping "
                                + "the test catches none either: on the Fashion-MNIST stream of CurationPipelineIT (with the "
                                + "mini-CLIP's earlier image tower and a cosine threshold of 0.15), 0 gave mismatch precision 0.902 "
                                + "and recall 0.902, 10 gave 0.921 and 0.897, 50 gave 0.900 and 0.881.")
                .define(RANK_PROBES_CONFIG, Type.INT, 32, Range.atLeast(0), Importance.LOW,
                        "Inverted lists the search for an image's rival captions probes; 0 uses vector.store.index.probes. "
                                + "An image is foreign to the caption field, so the caption centroids nearest to it point to "
                                + "its best captions less surely than a caption's own: on 100,000 Fashion-MNIST pairs 24 probes "
                                + "found 0.978 of the rivals exact search finds, 32 all of them (bench/curation/lookups.sh).");
    }

    static AlignmentSettings from(AbstractConfig config) {
        return new AlignmentSettings(config.getDouble(MIN_SCORE_CONFIG), config.getInt(RANK_K_CONFIG),
                config.getDouble(RANK_MARGIN_CONFIG), config.getInt(RANK_MIN_STORE_SIZE_CONFIG), config.getInt(RANK_PROBES_CONFIG));
    }

    /** Whether the rank test is on. */
    public boolean ranks() {
        return rankK > 0;
    }

    /** Stored captions the rank test looks at: at least ten, so the reported rank says something past the first. */
    public int rivalsSearched() {
        return Math.max(rankK, 10);
    }
}
