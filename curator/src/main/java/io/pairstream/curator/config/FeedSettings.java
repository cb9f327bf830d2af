package io.pairstream.curator.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** How much of the quality metrics and positive pairs the dashboard keeps in memory. */
public record FeedSettings(int windows, int pairs) {

    public static final String WINDOWS_CONFIG = "dashboard.windows";
    public static final String PAIRS_CONFIG = "dashboard.pairs";

    static ConfigDef define(ConfigDef def) {
        return def
                .define(WINDOWS_CONFIG, Type.INT, 720, Range.between(1, 100_000), Importance.LOW,
                        "Quality windows (per partition) the dashboard's charts keep, newest last.")
                .define(PAIRS_CONFIG, Type.INT, 24, Range.between(1, 1_000), Importance.LOW,
                        "Latest positive pairs, with their images, the dashboard's gallery keeps.");
    }

    static FeedSettings from(AbstractConfig config) {
        return new FeedSettings(config.getInt(WINDOWS_CONFIG), config.getInt(PAIRS_CONFIG));
    }
}
