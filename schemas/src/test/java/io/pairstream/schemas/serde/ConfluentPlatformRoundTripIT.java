package io.pairstream.schemas.serde;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.ConfluentKafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The round-trip scenarios against Confluent's own Kafka and Schema Registry images, proving the
 * serde interoperates with the real registry. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentPlatformRoundTripIT extends AvroRoundTripScenarios {

    private static final String CONFLUENT_VERSION = "7.7.1";

    private static Network network;
    private static ConfluentKafkaContainer kafka;
    private static GenericContainer<?> schemaRegistry;

    @BeforeAll
    static void start() {
        network = Network.newNetwork();
        kafka = new ConfluentKafkaContainer(DockerImageName.parse("confluentinc/cp-kafka:" + CONFLUENT_VERSION))
                .withNetwork(network).withNetworkAliases("kafka");
        kafka.start();
        schemaRegistry = new GenericContainer<>(DockerImageName.parse("confluentinc/cp-schema-registry:" + CONFLUENT_VERSION))
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:9093")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        schemaRegistry.start();
    }

    @AfterAll
    static void stop() {
        if (schemaRegistry != null) {
            schemaRegistry.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @Override
    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    String registryUrl() {
        return "http://" + schemaRegistry.getHost() + ":" + schemaRegistry.getMappedPort(8081);
    }
}
