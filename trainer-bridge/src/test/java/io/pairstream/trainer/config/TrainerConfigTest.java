package io.pairstream.trainer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {

    @Test
    void shouldReportEveryBadKeyAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> TrainerConfig.from(Map.of(
                "strategy", "add-more-positives",
                "batch.size", "1",
                "image.channels", "2",
                "schema.registry.url", "mock://t")));
        String message = e.getMessage();
        for (String key : new String[] {"bootstrap.servers", "checkpoint.dir", "strategy", "batch.size", "image.channels"}) {
            assertTrue(message.contains(key + ":"), message);
        }
        assertTrue(message.contains("(5 problems)"), message);
    }

    @Test
    void shouldSplitTrainingBridgeAndClientSettings() {
        TrainerConfig config = TrainerConfig.from(Map.of(
                "bootstrap.servers", "localhost:9092",
                "schema.registry.url", "mock://t",
                "checkpoint.dir", "/tmp/ckpt",
                "strategy", "drop-false-positive",
                "positive.guidance", "text",
                "security.protocol", "PLAINTEXT"));

        assertEquals(TrainingStrategy.DROP_FALSE_POSITIVE, config.training().strategy());
        assertEquals(PositiveGuidance.TEXT, config.training().guidance());
        assertEquals(Path.of("/tmp/ckpt"), config.bridge().checkpointDirectory());
        assertEquals(1, config.bridge().checkpointEvery());
        assertEquals("pairs.positive", config.pairsTopic());
        assertEquals("training.metrics", config.metricsTopic());
        assertEquals(Map.of("bootstrap.servers", "localhost:9092", "schema.registry.url", "mock://t",
                "security.protocol", "PLAINTEXT", "group.id", "pairstream-trainer"), config.clientProperties());
    }
}
