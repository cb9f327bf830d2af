package io.pairstream.schemas.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pairstream.schemas.registry.SchemaJournal;
import io.pairstream.schemas.registry.SchemaRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Confluent's own Schema Registry client (the Python one Debian packages as python3-confluent-kafka)
 * against the embedded server: a third-party client, not ours, must be served correctly. Skipped,
 * with the reason, where that package is not installed; {@code .ci/run} installs it.
 */
class ConfluentPythonClientIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/confluent_registry_client.py");

    private static boolean confluentClientInstalled() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process probe = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.schema_registry").redirectErrorStream(true).start();
        return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    @Test
    void shouldServeConfluentsOwnClient() throws Exception {
        assumeTrue(confluentClientInstalled(), "Confluent's Python client is not installed (apt-get install python3-confluent-kafka python3-requests)");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new SchemaRepository(SchemaJournal.NONE), "127.0.0.1", 0)) {
            Process client = new ProcessBuilder(PYTHON, SCRIPT.toString(), registry.url()).start();
            String stdout = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, client.waitFor(), stderr);
            JsonNode seen = new ObjectMapper().readTree(stdout);

            int id1 = seen.get("id1").asInt();
            int id2 = seen.get("id2").asInt();
            assertEquals("[2," + id2 + ",\"interop-value\"]", seen.get("latest").toString());
            assertEquals(1, seen.get("lookup_version").asInt());
            assertEquals("[\"name\",\"email\"]", seen.get("by_id_fields").toString());
            assertEquals("[\"interop-value\"]", seen.get("subjects").toString());
            assertEquals("[1,2]", seen.get("versions").toString());
            assertEquals(id1, seen.get("v1_schema_id").asInt());
            assertEquals(false, seen.get("breaking_is_compatible").asBoolean());
            assertEquals("FULL", seen.get("get_compatibility").asText());
            assertEquals("[409,409]", seen.get("breaking_error").toString());
            assertEquals("[404,40401]", seen.get("missing_error").toString());
            assertEquals(2, seen.get("deleted_version").asInt());
            assertEquals("[1]", seen.get("deleted_subject").toString());
        }
    }
}
