package io.pairstream.trainer.config;

import io.pairstream.schemas.records.PairStrategy;
import java.util.List;

/** Which pairs a run trains on, by the embedding that chose the positive. */
public enum PositiveGuidance {
    /** Text-induced positives only (the seed paper's claim). */
    TEXT("text"),
    /** Image-guided positives only (the seed code's AddNewPositive). */
    IMAGE("image"),
    /** Every pair, whatever guided it. */
    ANY("any");

    private final String configName;

    PositiveGuidance(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean accepts(PairStrategy strategy) {
        return switch (this) {
            case TEXT -> strategy == PairStrategy.TEXT_GUIDED;
            case IMAGE -> strategy == PairStrategy.IMAGE_GUIDED;
            case ANY -> true;
        };
    }

    public static List<String> configNames() {
        return ConfigChoices.names(values(), PositiveGuidance::configName);
    }

    public static PositiveGuidance fromConfigName(String name) {
        return ConfigChoices.parse(values(), PositiveGuidance::configName, name, "positive guidance");
    }
}
