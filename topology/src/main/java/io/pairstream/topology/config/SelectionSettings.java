package io.pairstream.topology.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * How positives are chosen for each incoming sample among the stored ones.
 *
 * @param strategies        which embeddings guide the choice, each giving its own pairs
 * @param positives         positives per strategy and anchor, best first
 * @param candidates        neighbours examined per strategy; the anchor's false-negative hints come from them
 * @param minSimilarity     per strategy, the band's lower bound on the guiding similarity (semantic consistency)
 * @param maxImageSimilarity the band's upper bound on image similarity: above it a candidate is a near-duplicate (diversity)
 * @param duplicateImageSimilarity image similarity at or above which a candidate from the anchor's own source
 *                          is the same sample sent again, skipped even when near-duplicates are allowed
 * @param hubnessCap        most times one stored item may be chosen as a positive per hubness window; 0 for no cap
 * @param hubnessWindow     the event-time window of the cap
 * @param falseNegativeHints how many of the anchor's most similar stored ids each pair carries
 * @param inlineImages      whether pairs carry both images inline (else a trainer looks them up by id)
 */
public record SelectionSettings(List<PositiveStrategy> strategies, int positives, int candidates,
                                Map<PositiveStrategy, Double> minSimilarity, double maxImageSimilarity,
                                double duplicateImageSimilarity, int hubnessCap, Duration hubnessWindow,
                                int falseNegativeHints, boolean inlineImages) {

    public static final String STRATEGIES_CONFIG = "select.strategies";
    public static final String POSITIVES_CONFIG = "select.positives";
    public static final String CANDIDATES_CONFIG = "select.candidates";
    public static final String MIN_SIMILARITY_PREFIX = "select.band.min.";
    public static final String MAX_IMAGE_SIMILARITY_CONFIG = "select.band.max.image";
    public static final String DUPLICATE_IMAGE_SIMILARITY_CONFIG = "select.duplicate.image.similarity";
    public static final String HUBNESS_CAP_CONFIG = "select.hubness.cap";
    public static final String HUBNESS_WINDOW_MS_CONFIG = "select.hubness.window.ms";
    public static final String FALSE_NEGATIVE_HINTS_CONFIG = "select.false.negative.hints";
    public static final String INLINE_IMAGES_CONFIG = "select.inline.images";

    /**
     * Lower bounds per guiding similarity, from the mini-CLIP's figures on Fashion-MNIST
     * ({@code bench/curation/calibrate.sh}): its image space is tight (nearest neighbours at a median
     * cosine of 0.98), so the image bound keeps the closest 95% and lifts label agreement from 0.84
     * to 0.85; caption embeddings of one kind of thing stay above 0.7.
     */
    private static final Map<PositiveStrategy, Double> MIN_SIMILARITY_DEFAULTS = Map.of(
            PositiveStrategy.TEXT, 0.7, PositiveStrategy.IMAGE, 0.95, PositiveStrategy.FUSED, 0.9);

    static ConfigDef define(ConfigDef def) {
        def.define(STRATEGIES_CONFIG, Type.LIST, "text,image", SelectionSettings::validateStrategies, Importance.HIGH,
                        "Embeddings that guide the choice of positives, any of: text, image, fused. Each gives its own pairs.")
                .define(POSITIVES_CONFIG, Type.INT, 1, Range.between(1, 100), Importance.HIGH,
                        "Positives emitted per strategy and incoming sample, most similar first.")
                .define(CANDIDATES_CONFIG, Type.INT, 50, Range.between(1, 1_000), Importance.MEDIUM,
                        "Nearest neighbours examined per strategy; must be at least select.positives.")
                .define(MAX_IMAGE_SIMILARITY_CONFIG, Type.DOUBLE, 0.995, Range.between(-1, 1), Importance.MEDIUM,
                        "Upper bound of the similarity band: candidates whose image is at least this similar are "
                                + "near-duplicates and skipped, for diversity. 1 allows them.")
                .define(DUPLICATE_IMAGE_SIMILARITY_CONFIG, Type.DOUBLE, 0.999, Range.between(-1, 1), Importance.LOW,
                        "Candidates from the anchor's own source with an image at least this similar are the same "
                                + "sample sent again and always skipped.")
                .define(HUBNESS_CAP_CONFIG, Type.INT, 5, Range.atLeast(0), Importance.MEDIUM,
                        "Most times one stored sample may be chosen as a positive per hubness window; 0 for no cap.")
                .define(HUBNESS_WINDOW_MS_CONFIG, Type.LONG, 600_000L, Range.atLeast(1), Importance.LOW,
                        "Event-time window of the hubness cap, in milliseconds.")
                .define(FALSE_NEGATIVE_HINTS_CONFIG, Type.INT, 5, Range.between(0, 1_000), Importance.MEDIUM,
                        "Ids of the anchor's most similar stored samples carried in each pair, for DropFalseNegative.")
                .define(INLINE_IMAGES_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether positive pairs carry both images inline; if not, the store keeps no image bytes.");
        for (PositiveStrategy strategy : PositiveStrategy.values()) {
            def.define(MIN_SIMILARITY_PREFIX + strategy.configName(), Type.DOUBLE, MIN_SIMILARITY_DEFAULTS.get(strategy),
                    Range.between(-1, 1), Importance.MEDIUM, "Lower bound of the similarity band for " + strategy.configName()
                            + "-guided positives: candidates whose guiding similarity is below it are not semantically close enough.");
        }
        return def;
    }

    static SelectionSettings from(AbstractConfig config) {
        List<PositiveStrategy> strategies = new ArrayList<>();
        config.getList(STRATEGIES_CONFIG).forEach(name -> strategies.add(PositiveStrategy.parse(name)));
        Map<PositiveStrategy, Double> minSimilarity = new EnumMap<>(PositiveStrategy.class);
        for (PositiveStrategy strategy : PositiveStrategy.values()) {
            minSimilarity.put(strategy, config.getDouble(MIN_SIMILARITY_PREFIX + strategy.configName()));
        }
        int positives = config.getInt(POSITIVES_CONFIG);
        int candidates = config.getInt(CANDIDATES_CONFIG);
        if (candidates < positives) {
            throw new ConfigException(CANDIDATES_CONFIG, candidates, "must be at least " + POSITIVES_CONFIG + " (" + positives + ")");
        }
        return new SelectionSettings(List.copyOf(strategies), positives, candidates, Map.copyOf(minSimilarity),
                config.getDouble(MAX_IMAGE_SIMILARITY_CONFIG), config.getDouble(DUPLICATE_IMAGE_SIMILARITY_CONFIG),
                config.getInt(HUBNESS_CAP_CONFIG), Duration.ofMillis(config.getLong(HUBNESS_WINDOW_MS_CONFIG)),
                config.getInt(FALSE_NEGATIVE_HINTS_CONFIG), config.getBoolean(INLINE_IMAGES_CONFIG));
    }

    /** The lower bound of the band for {@code strategy}. */
    public double minSimilarity(PositiveStrategy strategy) {
        return minSimilarity.get(strategy);
    }

    private static void validateStrategies(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) value;
        if (names.isEmpty()) {
            throw new ConfigException(name, value, "name at least one of " + Arrays.toString(configNames()));
        }
        for (String strategy : names) {
            try {
                PositiveStrategy.parse(strategy);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "'" + strategy + "' is not one of " + Arrays.toString(configNames()));
            }
        }
    }

    private static String[] configNames() {
        return Arrays.stream(PositiveStrategy.values()).map(PositiveStrategy::configName).toArray(String[]::new);
    }
}
