package io.pairstream.curator.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import io.pairstream.topology.config.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicProvisionerIT {

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(dir);
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    private static TopicNames names(String prefix) {
        return new TopicNames(prefix + ".raw", prefix + ".dlq", prefix + ".rejected", prefix + ".positive", prefix + ".metrics");
    }

    @Test
    void shouldCreateMissingTopicsOnceAndAcceptThemAfterwards() throws Exception {
        List<TopicSpec> specs = CurationTopics.specs(names("fresh"), 2, (short) 1);

        assertEquals(List.of("fresh.raw", "fresh.dlq", "fresh.rejected", "fresh.positive", "fresh.metrics"), new TopicProvisioner(admin).ensure(specs));
        assertEquals(List.of(), new TopicProvisioner(admin).ensure(specs));
        assertEquals(2, admin.describeTopics(List.of("fresh.raw")).allTopicNames().get(30, TimeUnit.SECONDS).get("fresh.raw").partitions().size());
    }

    @Test
    void shouldNameEveryMismatchOfExistingTopics() throws Exception {
        admin.createTopics(List.of(
                new NewTopic("old.positive", 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic("old.raw", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);

        TopicMismatchException e = assertThrows(TopicMismatchException.class,
                () -> new TopicProvisioner(admin).ensure(CurationTopics.specs(names("old"), 3, (short) 1)));

        assertEquals(3, e.mismatches().size(), e.getMessage());
        assertTrue(e.getMessage().contains("old.positive: cleanup.policy=compact, expected delete"), e.getMessage());
        assertTrue(e.getMessage().contains("old.raw: 1 partitions, fewer than the 3 configured"), e.getMessage());
        assertTrue(e.getMessage().contains("old.positive: 1 partitions"), e.getMessage());
        assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().noneMatch(n -> n.equals("old.dlq")), "nothing is created when something is wrong");
    }
}
