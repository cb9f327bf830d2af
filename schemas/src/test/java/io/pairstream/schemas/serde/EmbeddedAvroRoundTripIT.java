package io.pairstream.schemas.serde;

import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import io.pairstream.schemas.registry.server.EmbeddedSchemaRegistry;
import io.pairstream.schemas.registry.server.KafkaSchemaJournal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The round-trip scenarios on the embedded KRaft broker and the embedded registry (journaled to Kafka). */
class EmbeddedAvroRoundTripIT extends AvroRoundTripScenarios {

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(dir);
        registry = EmbeddedSchemaRegistry.startOnKafka(Map.of("bootstrap.servers", broker.bootstrapServers()),
                KafkaSchemaJournal.DEFAULT_TOPIC, (short) 1, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Override
    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    String registryUrl() {
        return registry.url();
    }
}
