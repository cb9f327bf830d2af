package io.pairstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.registry.SchemaJournal;
import io.pairstream.schemas.registry.SchemaRepository;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    private static final String TOPIC = "pairs.raw";
    private static final int SCHEMA_ID = 258;

    /** A registry that already holds ImageTextPair under id 258 = 0x00000102. */
    private static SchemaRepository registryWithFixedId() {
        return new SchemaRepository(new SchemaJournal() {
            @Override
            public void append(Entry entry) {
            }

            @Override
            public void replay(Consumer<Entry> apply) {
                apply.accept(new SchemaVersion(TOPIC + "-value", 1, SCHEMA_ID, ImageTextPair.getClassSchema().toString(), false));
            }
        });
    }

    private static ImageTextPair fixedPair() {
        return ImageTextPair.newBuilder()
                .setId("p1")
                .setCaption("a cat")
                .setLabel("cat")
                .setSource("t")
                .setEventTime(Instant.ofEpochMilli(1000))
                .build();
    }

    @Test
    void shouldWriteMagicByteSchemaIdAndAvroBodyByteForByte() {
        AvroSerializer<ImageTextPair> serializer = new AvroSerializer<>(registryWithFixedId(),
                Map.of("schema.registry.url", "mock://unused", "auto.register.schemas", false), false);

        byte[] bytes = serializer.serialize(TOPIC, fixedPair());

        byte[] expected = {
            0x00,                         // magic byte
            0x00, 0x00, 0x01, 0x02,       // schema id 258, big-endian
            0x04, 'p', '1',               // id: length 2 (zig-zag 4), "p1"
            0x00,                         // image: union branch 0 (null)
            0x00,                         // imageUri: null
            0x00,                         // imageMediaType: null
            0x0A, 'a', ' ', 'c', 'a', 't', // caption: length 5 (zig-zag 10)
            0x02, 0x06, 'c', 'a', 't',    // label: union branch 1 (string), length 3
            0x02, 't',                    // source: length 1
            (byte) 0xD0, 0x0F,            // eventTime 1000 ms: zig-zag 2000 as a varint
            0x00                          // attributes: empty map
        };
        assertArrayEquals(expected, bytes);
    }

    @Test
    void shouldReadBackWhatItWrote() {
        SchemaRepository registry = registryWithFixedId();
        AvroSerializer<ImageTextPair> serializer = new AvroSerializer<>(registry, Map.of("schema.registry.url", "mock://unused"), false);
        AvroDeserializer<ImageTextPair> deserializer = new AvroDeserializer<>(registry, ImageTextPair.class);

        assertEquals(fixedPair(), deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, fixedPair())));
    }

    @Test
    void shouldNameTopicAndByteWhenTheMagicByteIsWrong() {
        AvroDeserializer<ImageTextPair> deserializer = new AvroDeserializer<>(registryWithFixedId(), ImageTextPair.class);

        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize(TOPIC, new byte[] {1, 0, 0, 1, 2, 4, 'p', '1'}));

        assertTrue(e.getMessage().contains("'pairs.raw'") && e.getMessage().contains("starts with byte 1"), e.getMessage());
    }

    @Test
    void shouldNameTheIdWhenTheSchemaIdIsUnknown() {
        AvroDeserializer<ImageTextPair> deserializer = new AvroDeserializer<>(registryWithFixedId(), ImageTextPair.class);

        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 99, 4, 'p', '1'}));

        assertTrue(e.getMessage().contains("schema id 99") && e.getMessage().contains("'pairs.raw'"), e.getMessage());
    }

    @Test
    void shouldNameTopicAndIdWhenTheBodyIsTruncated() {
        SchemaRepository registry = registryWithFixedId();
        byte[] whole = new AvroSerializer<ImageTextPair>(registry, Map.of("schema.registry.url", "mock://unused"), false).serialize(TOPIC, fixedPair());
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 4);
        AvroDeserializer<ImageTextPair> deserializer = new AvroDeserializer<>(registry, ImageTextPair.class);

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, truncated));

        assertTrue(e.getMessage().contains("schema id 258") && e.getMessage().contains("'pairs.raw'"), e.getMessage());
    }

    @Test
    void shouldRejectAHeaderShorterThanFiveBytes() {
        AvroDeserializer<ImageTextPair> deserializer = new AvroDeserializer<>(registryWithFixedId(), ImageTextPair.class);

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}));

        assertTrue(e.getMessage().contains("3 bytes long"), e.getMessage());
    }
}
