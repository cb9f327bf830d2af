package io.pairstream.schemas.registry.server;

import static io.pairstream.schemas.registry.TestSchemas.USER_V1;
import static io.pairstream.schemas.registry.TestSchemas.USER_V2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import io.pairstream.schemas.registry.CompatibilityLevel;
import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSchemaRegistryIT {

    @TempDir
    Path dir;

    @Test
    void shouldKeepSchemasIdsAndConfigurationAcrossRestartsOfRegistryAndBroker() {
        int v1;
        int v2;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
            try (EmbeddedSchemaRegistry registry = startRegistry(broker)) {
                SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()));
                v1 = client.register("users-value", USER_V1);
                v2 = client.register("users-value", USER_V2);
                client.setCompatibility("users-value", CompatibilityLevel.FULL);
                client.register("gone-value", USER_V1);
                client.deleteSubject("gone-value");
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir);
             EmbeddedSchemaRegistry registry = startRegistry(broker)) {
            SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()));

            assertEquals(List.of("users-value"), client.getSubjects());
            assertEquals(List.of(1, 2), client.getVersions("users-value"));
            assertEquals(USER_V1, client.getById(v1));
            assertEquals(v2, client.getLatest("users-value").id());
            assertEquals(CompatibilityLevel.FULL, client.getCompatibility("users-value"));
            assertEquals(v2 + 1, client.register("new-value", SchemaRegistryITSchemas.ORDER), "ids continue after the highest journaled one");
        }
    }

    private static EmbeddedSchemaRegistry startRegistry(EmbeddedKafkaBroker broker) {
        return EmbeddedSchemaRegistry.startOnKafka(Map.of("bootstrap.servers", broker.bootstrapServers()),
                KafkaSchemaJournal.DEFAULT_TOPIC, (short) 1, "127.0.0.1", 0);
    }

    private static final class SchemaRegistryITSchemas {
        static final org.apache.avro.Schema ORDER = io.pairstream.schemas.registry.SchemaRepository.parse(
                "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"total\",\"type\":\"long\"}]}");
    }
}
