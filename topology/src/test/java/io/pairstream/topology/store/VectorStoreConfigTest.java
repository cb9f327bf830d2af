package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class VectorStoreConfigTest {

    @Test
    void shouldParseFieldsInDeclarationOrderWithDefaults() {
        VectorStoreConfig config = new VectorStoreConfig(Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:384, image:512"));
        assertEquals(Map.of("text", 384, "image", 512), config.fields());
        assertEquals("text", config.fields().keySet().iterator().next());
        assertEquals(VectorStoreConfig.LISTS_DEFAULT, config.lists());
        assertEquals(0, config.maxItems());
    }

    @Test
    void shouldReportEveryMalformedFieldAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> new VectorStoreConfig(
                Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:0,image,text:3,text:4")));
        assertTrue(e.getMessage().contains("'text:0'"), e.getMessage());
        assertTrue(e.getMessage().contains("'image'"), e.getMessage());
        assertTrue(e.getMessage().contains("'text' is declared twice"), e.getMessage());
    }

    @Test
    void shouldRejectATrainingSizeSmallerThanTheNumberOfLists() {
        ConfigException e = assertThrows(ConfigException.class, () -> new VectorStoreConfig(Map.of(
                VectorStoreConfig.FIELDS_CONFIG, "text:8", VectorStoreConfig.LISTS_CONFIG, 100,
                VectorStoreConfig.TRAINING_SIZE_CONFIG, 50)));
        assertTrue(e.getMessage().contains(VectorStoreConfig.TRAINING_SIZE_CONFIG), e.getMessage());
    }
}
