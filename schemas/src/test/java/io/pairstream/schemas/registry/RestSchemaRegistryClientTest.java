package io.pairstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.registry.server.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void shouldFailOverToTheNextUrlWhenTheFirstDoesNotAnswer() throws Exception {
        try (EmbeddedSchemaRegistry server = EmbeddedSchemaRegistry.start(new SchemaRepository(SchemaJournal.NONE), "127.0.0.1", 0)) {
            SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", deadUrl() + "," + server.url(), "max.retries", 0));

            int id = client.register("users-value", TestSchemas.USER_V1);

            assertEquals(TestSchemas.USER_V1, server.repository().getById(id));
        }
    }

    @Test
    void shouldNameEveryUrlWhenNoRegistryAnswersAfterRetries() throws Exception {
        String a = deadUrl();
        String b = deadUrl();
        SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", a + "," + b, "max.retries", 2, "retries.wait.ms", 1));

        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> client.getById(1));

        assertTrue(e.getMessage().contains(a) && e.getMessage().contains(b) && e.getMessage().contains("3 rounds"), e.getMessage());
    }

    @Test
    void shouldSendBasicAuthFromUserInfo() {
        RegistryClientConfig config = RegistryClientConfig.of(Map.of("schema.registry.url", "http://registry:8081",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"));

        assertEquals("Basic YWxpY2U6czNjcmV0", config.basicAuthHeader().orElseThrow());
    }

    @Test
    void shouldTakeBasicAuthFromTheUrlAndStripItFromTheAddress() {
        RegistryClientConfig config = RegistryClientConfig.of(Map.of("schema.registry.url", "https://alice:s3cret@registry:8081/"));

        assertEquals("Basic YWxpY2U6czNjcmV0", config.basicAuthHeader().orElseThrow());
        assertEquals("https://registry:8081", config.urls().get(0).toString());
    }

    @Test
    void shouldReportEveryBadKeyAtOnceWithoutEchoingSecrets() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryClientConfig.of(Map.of(
                "schema.registry.url", "ftp://registry",
                "basic.auth.credentials.source", "SASL_MAGIC",
                "max.retries", -1,
                "basic.auth.user.info", "alice:s3cret")));

        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
        assertTrue(e.getMessage().contains("basic.auth.credentials.source"), e.getMessage());
        assertTrue(e.getMessage().contains("max.retries"), e.getMessage());
        assertTrue(e.getMessage().contains("3 problems"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void shouldRequireARegistryUrl() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryClientConfig.of(Map.of()));

        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
    }
}
