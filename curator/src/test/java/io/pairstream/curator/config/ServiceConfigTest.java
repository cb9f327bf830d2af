package io.pairstream.curator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.topology.config.CurationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

    private static final List<ConfigDef> DEFINITIONS = List.of(ServiceSettings.CONFIG, CurationConfig.CONFIG);

    @TempDir
    Path dir;

    private static ServiceConfig load(ConfigSource... sources) {
        return ServiceConfig.load(List.of(sources), DEFINITIONS);
    }

    private static String problemsOf(ConfigSource... sources) {
        return assertThrows(ConfigException.class, () -> load(sources)).getMessage();
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFileAndFlagsOverrideBoth() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "topic.pairs.raw=from-file\ntopic.pairs.positive=from-file\nhttp.port=9000\n");
        ServiceConfig config = load(ConfigSource.file(file),
                ConfigSource.environment(Map.of("PAIRSTREAM_TOPIC_PAIRS_RAW", "from-env", "PAIRSTREAM_HTTP_PORT", "9100", "HOME", "/root")),
                ConfigSource.flags(Map.of("http.port", "9200")));

        CurationConfig curation = CurationConfig.of(config.settings());
        assertEquals("from-env", curation.topics().rawPairs());
        assertEquals("from-file", curation.topics().positivePairs());
        assertEquals(9200, ServiceSettings.of(config.settings()).http().port());
    }

    @Test
    void shouldMapEnvironmentVariablesToKeysAndBack() {
        assertEquals("kafka.sasl.jaas.config", EnvironmentOverrides.keyOf("PAIRSTREAM_KAFKA_SASL_JAAS_CONFIG"));
        assertEquals("topic.pairs.raw", EnvironmentOverrides.keyOf("PAIRSTREAM_TOPIC_PAIRS_RAW"));
        assertEquals("a_b.c", EnvironmentOverrides.keyOf("PAIRSTREAM_A__B_C"));
        assertEquals("PAIRSTREAM_A__B_C", EnvironmentOverrides.variableOf("a_b.c"));
    }

    @Test
    void shouldIgnoreTheLauncherVariables() {
        ServiceConfig config = load(ConfigSource.environment(Map.of("PAIRSTREAM_JAVA_OPTS", "-Xmx1g")));
        assertTrue(config.embedded());
    }

    @Test
    void shouldReportEveryBadKeyAtOnceWithWhereItWasSetAndASuggestion() {
        String message = problemsOf(
                ConfigSource.environment(Map.of("PAIRSTREAM_TOPIC_PAIRS_RWA", "x")),
                ConfigSource.flags(Map.of("http.port", "eighty", "embed.batch.size", "0", "bootstrap.servers", "k:9092",
                        "schema.registry.auto.register.schema", "false")));

        assertTrue(message.contains("5 problems"), message);
        assertTrue(message.contains("topic.pairs.rwa: unknown key (environment (PAIRSTREAM_TOPIC_PAIRS_RWA)); did you mean 'topic.pairs.raw'?"), message);
        assertTrue(message.contains("http.port:"), message);
        assertTrue(message.contains("embed.batch.size:"), message);
        assertTrue(message.contains("bootstrap.servers: unknown key (command line); did you mean 'kafka.bootstrap.servers'?"), message);
        assertTrue(message.contains("did you mean 'schema.registry.auto.register.schemas'?"), message);
    }

    @Test
    void shouldPassKafkaAndRegistryKeysThroughWithoutTheirPrefix() {
        ServiceConfig config = load(ConfigSource.flags(Map.of(
                "kafka.bootstrap.servers", "kafka:9092", "kafka.security.protocol", "SASL_SSL",
                "schema.registry.url", "https://registry:8081", "schema.registry.basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "user:secret")));

        assertFalse(config.embedded());
        assertEquals(Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SASL_SSL"), config.kafka());
        assertEquals(Map.of("schema.registry.url", "https://registry:8081", "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "user:secret"), config.registry());
        assertFalse(config.settings().containsKey("kafka.bootstrap.servers"));
    }

    @Test
    void shouldHideSecretsInTheEffectiveConfiguration() {
        ServiceConfig config = load(ConfigSource.flags(Map.of(
                "kafka.bootstrap.servers", "kafka:9092",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p4ss\";",
                "kafka.ssl.truststore.password", "trust-me",
                "schema.registry.url", "https://alice:wonder@registry:8081",
                "schema.registry.basic.auth.user.info", "bob:builder")));

        String dump = String.join("\n", config.describe());
        assertFalse(dump.contains("p4ss") || dump.contains("trust-me") || dump.contains("wonder") || dump.contains("builder"), dump);
        assertTrue(dump.contains("kafka.sasl.jaas.config = [hidden]  (command line)"), dump);
        assertTrue(dump.contains("schema.registry.url = https://[hidden]@registry:8081"), dump);
        assertTrue(dump.contains("http.port = 8080  (default)"), dump);
    }

    @Test
    void shouldNeverEchoASecretInAnError() {
        String message = problemsOf(ConfigSource.flags(Map.of("kafka.bootstrap.servers", "k:9092", "schema.registry.url", "http://r",
                "schema.registry.basic.auth.credentials.source", "SASL_INHERIT", "schema.registry.basic.auth.user.info", "carol:s3cret")));
        assertTrue(message.contains("schema.registry.basic.auth.credentials.source"), message);
        assertFalse(message.contains("s3cret"), message);
    }

    @Test
    void shouldRequireAnExternalKafkaForAnExternalRegistry() {
        String message = problemsOf(ConfigSource.flags(Map.of("schema.registry.url", "http://registry:8081")));
        assertTrue(message.contains("schema.registry.url: set without kafka.bootstrap.servers"), message);
    }

    @Test
    void shouldFillInTheEmbeddedPlatformBelowEveryLayer() {
        ServiceConfig config = load().connectedTo("127.0.0.1:9092", "http://127.0.0.1:8081");
        assertEquals("127.0.0.1:9092", config.kafka().get("bootstrap.servers"));
        assertEquals("http://127.0.0.1:8081", config.registry().get("schema.registry.url"));
        assertTrue(String.join("\n", config.describe()).contains("kafka.bootstrap.servers = 127.0.0.1:9092  (embedded platform)"));
    }

    @Test
    void shouldRefuseTwoDefinitionsOfOneKey() {
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.load(List.of(), List.of(ServiceSettings.CONFIG, ServiceSettings.CONFIG)));
    }

    @Test
    void shouldSuggestOnlyCloseKeys() {
        assertEquals("http.port", KeySuggestions.closest("http.prot", List.of("http.port", "http.host")).orElseThrow());
        assertTrue(KeySuggestions.closest("completely.different", List.of("http.port")).isEmpty());
    }
}
