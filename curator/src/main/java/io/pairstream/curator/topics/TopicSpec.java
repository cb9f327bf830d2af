package io.pairstream.curator.topics;

import java.util.Map;
import java.util.Objects;

/** A topic the service needs: its name, partitions, replication factor and the topic configs it relies on. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name cannot be null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions of " + name + " must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor of " + name + " must be at least 1, was " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }
}
