package io.pairstream.schemas.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/** How a serde names the registry subject of a record's schema; the same three strategies as Confluent's serde. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC_NAME("TopicNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME("RecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}: several record types per topic, each with its lineage. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    private final String confluentClassName;

    SubjectNameStrategy(String confluentSimpleName) {
        this.confluentClassName = "io.confluent.kafka.serializers.subject." + confluentSimpleName;
    }

    public abstract String subject(String topic, boolean isKey, Schema schema);

    /** Accepts this enum's names and Confluent's strategy class names (simple or fully qualified). */
    public static SubjectNameStrategy parse(String key, String value) {
        String trimmed = value == null ? "" : value.trim();
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.name().equalsIgnoreCase(trimmed) || strategy.confluentClassName.equals(trimmed)
                    || strategy.confluentClassName.endsWith("." + trimmed)) {
                return strategy;
            }
        }
        throw new ConfigException(key, value, "must be one of TOPIC_NAME, RECORD_NAME, TOPIC_RECORD_NAME "
                + "(or Confluent's TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy)");
    }
}
