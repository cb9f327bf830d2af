package io.pairstream.curator.embedded;

import io.pairstream.curator.topics.CurationTopics;
import io.pairstream.curator.topics.TopicProvisioner;
import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import io.pairstream.schemas.registry.server.EmbeddedSchemaRegistry;
import io.pairstream.schemas.registry.server.KafkaSchemaJournal;
import io.pairstream.topology.config.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a single-node KRaft broker (in a child JVM) and a Schema Registry
 * journaled to it, both on loopback, with their data under one directory so a restart resumes.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPlatform.class);

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private EmbeddedPlatform(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts broker then registry; if the registry fails, the broker is stopped again. */
    public static EmbeddedPlatform start(Path dataDirectory) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"));
        try {
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startOnKafka(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    KafkaSchemaJournal.DEFAULT_TOPIC, (short) 1, "127.0.0.1", 0);
            broker.onExit().thenAccept(code -> {
                if (broker.exitedUnexpectedly()) {
                    log.error("The embedded Kafka broker stopped unexpectedly (exit status {}); see {}", code, broker.logFile());
                }
            });
            return new EmbeddedPlatform(broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** Creates the curation topics that are missing, one partition each as fits one broker; returns those created. */
    public List<String> ensureCurationTopics(TopicNames names) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers()))) {
            return new TopicProvisioner(admin).ensure(CurationTopics.specs(names, 1, (short) 1));
        }
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    /** Registry first, broker last: the registry's journal producer needs the broker to close cleanly. */
    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
