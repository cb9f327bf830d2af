package io.pairstream.topology;

import io.pairstream.topology.config.BatchSettings;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.model.ConceptClipModel;
import io.pairstream.topology.model.StalledClipModel;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The curation topology as an exactly-once app in a child JVM, so {@link CurationCrashIT} can kill
 * it. In {@code hold} mode batches never fill and the linger is ten minutes, so every pair waits in
 * the buffer; in {@code stall} mode the first 200 pairs fill a batch that the model thread never
 * finishes, and the rest wait behind it; in {@code drain} mode the linger is 200 ms.
 *
 * <p>Arguments: bootstrap servers, registry URL, state directory, {@code hold}, {@code stall} or {@code drain}.
 */
public final class CurationApp {

    static final String APPLICATION_ID = "curation-crash-it";

    private CurationApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[3];
        boolean drain = mode.equals("drain");
        CurationConfig config = CurationConfig.of(Map.of(
                BatchSettings.SIZE_CONFIG, mode.equals("stall") ? 200 : 4_000,
                BatchSettings.LINGER_MS_CONFIG, drain ? 200L : 600_000L,
                SelectionSettings.STRATEGIES_CONFIG, "text",
                SelectionSettings.HUBNESS_CAP_CONFIG, 0));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        KafkaStreams streams = new KafkaStreams(CurationTopology.build(config,
                mode.equals("stall") ? new StalledClipModel(new ConceptClipModel()) : new ConceptClipModel(),
                Map.of("schema.registry.url", args[1])), props);
        ChildJvms.runUntilStopped(streams);
    }
}
