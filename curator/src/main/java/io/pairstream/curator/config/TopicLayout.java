package io.pairstream.curator.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** How the topics the service creates when they are missing are laid out. */
public record TopicLayout(int partitions, short replicationFactor) {

    public static final String PARTITIONS_CONFIG = "topic.partitions";
    public static final String REPLICATION_FACTOR_CONFIG = "topic.replication.factor";

    static ConfigDef define(ConfigDef def) {
        return def
                .define(PARTITIONS_CONFIG, Type.INT, 1, Range.between(1, 10_000), Importance.MEDIUM,
                        "Partitions of each topic the service creates; existing topics are checked, never changed.")
                .define(REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 1, Range.between(1, Short.MAX_VALUE), Importance.MEDIUM,
                        "Replication factor of each topic the service creates; 1 suits the embedded single broker only.");
    }

    static TopicLayout from(AbstractConfig config) {
        return new TopicLayout(config.getInt(PARTITIONS_CONFIG), config.getShort(REPLICATION_FACTOR_CONFIG));
    }
}
