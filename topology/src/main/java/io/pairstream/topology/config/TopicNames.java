package io.pairstream.topology.config;

import io.pairstream.schemas.Topic;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Names of the topics the curation topology reads and writes. */
public record TopicNames(String rawPairs, String deadLetters, String rejectedPairs, String positivePairs, String qualityMetrics) {

    public static final String RAW_PAIRS_CONFIG = "topic.pairs.raw";
    public static final String DEAD_LETTERS_CONFIG = "topic.pairs.dlq";
    public static final String REJECTED_PAIRS_CONFIG = "topic.pairs.rejected";
    public static final String POSITIVE_PAIRS_CONFIG = "topic.pairs.positive";
    public static final String QUALITY_METRICS_CONFIG = "topic.curation.metrics";

    /** The data flow's default names. */
    public static TopicNames defaults() {
        return new TopicNames(Topic.RAW_PAIRS.defaultName(), Topic.DEAD_LETTERS.defaultName(), Topic.REJECTED_PAIRS.defaultName(),
                Topic.POSITIVE_PAIRS.defaultName(), Topic.QUALITY_METRICS.defaultName());
    }

    static ConfigDef define(ConfigDef def) {
        TopicNames defaults = defaults();
        return def
                .define(RAW_PAIRS_CONFIG, Type.STRING, defaults.rawPairs(), new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.HIGH, "Input topic of ImageTextPair records.")
                .define(DEAD_LETTERS_CONFIG, Type.STRING, defaults.deadLetters(), new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.HIGH, "Topic of DeadLetter records: input that could not be decoded, validated or embedded, with the reason.")
                .define(REJECTED_PAIRS_CONFIG, Type.STRING, defaults.rejectedPairs(), new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.MEDIUM, "Topic of RejectedPair records: pairs judged wrongly matched.")
                .define(POSITIVE_PAIRS_CONFIG, Type.STRING, defaults.positivePairs(), new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.HIGH, "Output topic of PositivePair records for the trainer.")
                .define(QUALITY_METRICS_CONFIG, Type.STRING, defaults.qualityMetrics(), new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.MEDIUM, "Topic of PairQualityWindow records.");
    }

    static TopicNames from(AbstractConfig config) {
        return new TopicNames(config.getString(RAW_PAIRS_CONFIG), config.getString(DEAD_LETTERS_CONFIG),
                config.getString(REJECTED_PAIRS_CONFIG), config.getString(POSITIVE_PAIRS_CONFIG), config.getString(QUALITY_METRICS_CONFIG));
    }
}
