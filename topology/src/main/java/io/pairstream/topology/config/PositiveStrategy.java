package io.pairstream.topology.config;

import io.pairstream.schemas.records.PairStrategy;
import java.util.Locale;

/** Which embedding guides the choice of positives; the config values are the lower-case names. */
public enum PositiveStrategy {
    /** By caption embedding: text-induced positives (Zhang et al. 2023). */
    TEXT(PairStrategy.TEXT_GUIDED),
    /** By image embedding: the seed code's AddNewPositive. */
    IMAGE(PairStrategy.IMAGE_GUIDED),
    /** By the mean of the caption and image similarities. */
    FUSED(PairStrategy.FUSED_GUIDED);

    private final PairStrategy recorded;

    PositiveStrategy(PairStrategy recorded) {
        this.recorded = recorded;
    }

    /** How the strategy is written in a {@code PositivePair}. */
    public PairStrategy recorded() {
        return recorded;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PositiveStrategy parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
