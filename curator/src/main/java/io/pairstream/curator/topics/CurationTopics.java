package io.pairstream.curator.topics;

import io.pairstream.topology.config.TopicNames;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/** The topics the curation pipeline reads and writes, as {@link TopicSpec}s. */
public final class CurationTopics {

    /** Every data-flow topic is a stream: records sharing a key (an anchor's pairs) must all be kept. */
    private static final Map<String, String> STREAM = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);

    private CurationTopics() {
    }

    public static List<TopicSpec> specs(TopicNames names, int partitions, short replicationFactor) {
        return List.of(names.rawPairs(), names.deadLetters(), names.rejectedPairs(), names.positivePairs(), names.qualityMetrics()).stream()
                .map(name -> new TopicSpec(name, partitions, replicationFactor, STREAM))
                .toList();
    }
}
