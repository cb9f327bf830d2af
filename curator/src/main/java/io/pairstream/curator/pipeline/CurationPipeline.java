package io.pairstream.curator.pipeline;

import io.pairstream.topology.CurationTopology;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.model.ClipModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The curation topology running as an exactly-once Kafka Streams application. It does not own the
 * model: whoever opened the model closes it, after this pipeline.
 */
public final class CurationPipeline implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = "pairstream-curator";
    /** Streams does not leave the group on close; a short session keeps a restart from waiting 45 s. */
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(CurationPipeline.class);

    private final KafkaStreams streams;

    private CurationPipeline(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The Streams settings of the pipeline: exactly-once, the state directory, and a short session;
     * {@code kafka} (client and Streams keys, e.g. security settings) is applied last and wins.
     */
    public static Properties streamsProperties(String bootstrapServers, Path stateDirectory, Map<String, ?> kafka) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.putAll(kafka);
        return props;
    }

    /** Builds the topology for {@code config} and {@code model} and starts it. */
    public static CurationPipeline start(Properties streamsProperties, CurationConfig config, ClipModel model,
                                         Map<String, ?> serdeConfig) {
        Objects.requireNonNull(streamsProperties, "streamsProperties cannot be null");
        KafkaStreams streams = new KafkaStreams(CurationTopology.build(config, model, serdeConfig), streamsProperties);
        streams.setUncaughtExceptionHandler(error -> {
            log.error("The curation pipeline stopped on an error", error);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return new CurationPipeline(streams);
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Waits until the pipeline is RUNNING; false if it failed or the time ran out first. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_ERROR) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        if (!streams.close(CLOSE_TIMEOUT)) {
            log.warn("The curation pipeline did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
