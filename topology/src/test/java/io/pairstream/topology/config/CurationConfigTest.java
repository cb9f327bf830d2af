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
        assertEquals(new BatchSettings(32, Duration.ofMillis(200), true), config.batching());
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

    @Test
    void shouldNameBadSelectionAlignmentAndStoreKeysTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> CurationConfig.of(Map.of(
                SelectionSettings.STRATEGIES_CONFIG, "text,colour",
                AlignmentSettings.MIN_SCORE_CONFIG, "2",
                SelectionSettings.MIN_SIMILARITY_PREFIX + "image", "high",
                QualitySettings.WINDOW_MS_CONFIG, "5",
                "vector.store.retention.max.items", "-1")));

        assertTrue(e.getMessage().contains("5 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("'colour' is not one of [text, image, fused]"), e.getMessage());
        assertTrue(e.getMessage().contains("vector.store.retention.max.items"), e.getMessage());
    }

    @Test
    void shouldRefuseFewerCandidatesThanPositives() {
        ConfigException e = assertThrows(ConfigException.class, () -> CurationConfig.of(Map.of(
                SelectionSettings.POSITIVES_CONFIG, 5, SelectionSettings.CANDIDATES_CONFIG, 3)));

        assertTrue(e.getMessage().contains(SelectionSettings.CANDIDATES_CONFIG), e.getMessage());
    }

    @Test
    void shouldGiveTheStoreTheModelsFieldsAndTheRetentionSet() {
        CurationConfig config = CurationConfig.of(Map.of("vector.store.retention.max.items", 1000));

        var store = config.vectorStore(Map.of("text", 384));
        assertEquals(Map.of("text", 384), store.fields());
        assertEquals(1000, store.maxItems());
        assertEquals(java.util.List.of(PositiveStrategy.TEXT, PositiveStrategy.IMAGE), config.selection().strategies());
    }
}
