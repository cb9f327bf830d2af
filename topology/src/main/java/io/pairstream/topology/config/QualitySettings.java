package io.pairstream.topology.config;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How pair quality is measured: the window of each {@code PairQualityWindow} record, how often a
 * neighbour search is repeated exactly to estimate the approximate search's recall, and how many
 * recent pairs a pair's similarity percentile is computed against.
 */
public record QualitySettings(Duration window, int recallSampleEvery, int percentileHistory) {

    public static final String WINDOW_MS_CONFIG = "quality.window.ms";
    public static final String RECALL_SAMPLE_EVERY_CONFIG = "quality.recall.sample.every";
    public static final String PERCENTILE_HISTORY_CONFIG = "quality.percentile.history";

    static ConfigDef define(ConfigDef def) {
        return def
                .define(WINDOW_MS_CONFIG, Type.LONG, 10_000L, Range.between(100, 86_400_000), Importance.MEDIUM,
                        "Length of a pair-quality window in milliseconds (wall-clock); one record per window and partition.")
                .define(RECALL_SAMPLE_EVERY_CONFIG, Type.INT, 100, Range.atLeast(0), Importance.LOW,
                        "One in this many neighbour searches is repeated exactly to estimate recall; 0 never.")
                .define(PERCENTILE_HISTORY_CONFIG, Type.INT, 2_000, Range.between(10, 1_000_000), Importance.LOW,
                        "Recently emitted pairs per strategy that a pair's similarity percentile is computed against.");
    }

    static QualitySettings from(AbstractConfig config) {
        return new QualitySettings(Duration.ofMillis(config.getLong(WINDOW_MS_CONFIG)),
                config.getInt(RECALL_SAMPLE_EVERY_CONFIG), config.getInt(PERCENTILE_HISTORY_CONFIG));
    }
}
