package io.pairstream.trainer.config;

import java.util.List;

/**
 * The strategies of the seed code (Zhang, Wang &amp; Wang, ICML 2023), mapped onto a stream of
 * CLIP-guided pairs. Every strategy trains on two augmented views of each anchor (SimCLR); they
 * differ in what they add to that loss or remove from it.
 */
public enum TrainingStrategy {
    /** SimCLR: augmentation pairs only; the pair's positive is ignored. */
    BASELINE("baseline", false),
    /** Mean of the augmentation loss and the loss with the pair's positive as the anchor's positive. */
    ADD_NEW_POSITIVE("add-new-positive", true),
    /** Baseline, without the negatives the pair's hints mark as CLIP-similar to the anchor. */
    DROP_FALSE_NEGATIVE("drop-false-negative", false),
    /** Baseline, without each anchor's least similar negatives. */
    DROP_EASY_NEGATIVE("drop-easy-negative", false),
    /** Add-new-positive, without the new positives whose similarity percentile is in the lowest band. */
    DROP_FALSE_POSITIVE("drop-false-positive", true);

    private final String configName;
    private final boolean trainsOnPositives;

    TrainingStrategy(String configName, boolean trainsOnPositives) {
        this.configName = configName;
        this.trainsOnPositives = trainsOnPositives;
    }

    public String configName() {
        return configName;
    }

    /** Whether the pair's positive image enters the loss (and so needs decoding and a view). */
    public boolean trainsOnPositives() {
        return trainsOnPositives;
    }

    public static List<String> configNames() {
        return ConfigChoices.names(values(), TrainingStrategy::configName);
    }

    public static TrainingStrategy fromConfigName(String name) {
        return ConfigChoices.parse(values(), TrainingStrategy::configName, name, "strategy");
    }
}
