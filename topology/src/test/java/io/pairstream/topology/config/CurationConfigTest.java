package io.pairstream.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class CurationConfigTest {

    @Test
    void shouldServeTheEmbeddedDefaultsWhenNothingIsSet() {
        CurationConfig config = CurationConfig.of(Map.of());

        assertEquals(TopicNames.defaults(), config.topics());
        assertEquals(new BatchSettings(32, Duration.ofMillis(200)), config.batching());
    }

    @Test
    void shouldNameEveryBadKeyAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> CurationConfig.of(Map.of(
                BatchSettings.SIZE_CONFIG, "0",
                BatchSettings.LINGER_MS_CONFIG, "soon",
                TopicNames.POSITIVE_PAIRS_CONFIG, "")));

        assertTrue(e.getMessage().contains("3 problems"), e.getMessage());
        assertTrue(e.getMessage().contains(BatchSettings.SIZE_CONFIG), e.getMessage());
        assertTrue(e.getMessage().contains(BatchSettings.LINGER_MS_CONFIG), e.getMessage());
        assertTrue(e.getMessage().contains(TopicNames.POSITIVE_PAIRS_CONFIG), e.getMessage());
    }

    @Test
    void shouldIgnoreOtherComponentsKeys() {
        CurationConfig config = CurationConfig.of(Map.of("bootstrap.servers", "kafka:9092", TopicNames.RAW_PAIRS_CONFIG, "ingest"));

        assertEquals("ingest", config.topics().rawPairs());
    }
}
