package io.pairstream.curator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void shouldRecogniseKafkaAndRegistrySecrets() {
        for (String key : new String[] {"kafka.sasl.jaas.config", "sasl.jaas.config", "kafka.ssl.keystore.password", "ssl.key.password",
                "schema.registry.basic.auth.user.info", "kafka.sasl.oauthbearer.client.credentials.client.secret", "kafka.ssl.keystore.key"}) {
            assertTrue(Secrets.isSecret(key), key);
            assertEquals(Secrets.HIDDEN, Secrets.mask(key, "value"), key);
        }
        assertFalse(Secrets.isSecret("kafka.bootstrap.servers"));
    }

    @Test
    void shouldHideCredentialsInAUrl() {
        assertEquals("https://[hidden]@registry:8081,http://other:8081", Secrets.mask("schema.registry.url", "https://u:p@registry:8081,http://other:8081"));
    }
}
