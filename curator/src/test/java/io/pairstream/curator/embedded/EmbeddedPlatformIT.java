package io.pairstream.curator.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pairstream.schemas.Topic;
import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPlatformIT {

    @TempDir
    Path dir;

    @Test
    void shouldServeSchemasFromTheEmbeddedRegistryAndKeepThemAcrossRestarts() {
        int id;
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(dir)) {
            SchemaRegistryClient registry = SchemaRegistryClients.create(Map.of("schema.registry.url", platform.schemaRegistryUrl()));
            id = registry.register("pairs.raw-value", Topic.RAW_PAIRS.valueSchema());
        }
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(dir)) {
            SchemaRegistryClient registry = SchemaRegistryClients.create(Map.of("schema.registry.url", platform.schemaRegistryUrl()));
            assertEquals(id, registry.getLatest("pairs.raw-value").id());
            assertFalse(platform.broker().exitedUnexpectedly());
        }
    }
}
