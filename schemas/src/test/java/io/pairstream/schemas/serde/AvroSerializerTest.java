package io.pairstream.schemas.serde;

import static io.pairstream.schemas.registry.TestSchemas.USER_V1;
import static io.pairstream.schemas.registry.TestSchemas.USER_V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.registry.MockSchemaRegistry;
import io.pairstream.schemas.registry.SchemaRepository;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {

    private static final String SCOPE = "serializer-test";

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    private static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", "mock://" + SCOPE);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static GenericRecord user(String name) {
        GenericRecord user = new GenericData.Record(USER_V1);
        user.put("name", name);
        return user;
    }

    private static SchemaRepository registry() {
        return MockSchemaRegistry.forScope(SCOPE);
    }

    @Test
    void shouldNameSubjectsByEachStrategy() {
        for (var strategyAndSubject : Map.of("TopicNameStrategy", "users-value", "RecordNameStrategy", "test.User",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", "users-test.User").entrySet()) {
            MockSchemaRegistry.dropScope(SCOPE);
            AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
            serializer.configure(config("value.subject.name.strategy", strategyAndSubject.getKey()), false);

            serializer.serialize("users", user("ada"));

            assertEquals(List.of(strategyAndSubject.getValue()), registry().getSubjects(), strategyAndSubject.getKey());
        }
    }

    @Test
    void shouldUseKeySubjectsForKeys() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(config(), true);

        serializer.serialize("users", user("ada"));

        assertEquals(List.of("users-key"), registry().getSubjects());
    }

    @Test
    void shouldRefuseAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(config("auto.register.schemas", false), false);

        SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize("users", user("ada")));

        assertTrue(e.getMessage().contains("users-value") && e.getMessage().contains("40401"), e.getMessage());
    }

    @Test
    void shouldWriteWithTheLatestVersionWhenAsked() {
        registry().register("users-value", USER_V1);
        int latest = registry().register("users-value", USER_V2);
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(config("auto.register.schemas", false, "use.latest.version", true), false);
        GenericRecord v2 = new GenericData.Record(USER_V2);
        v2.put("name", "grace");

        byte[] bytes = serializer.serialize("users", v2);

        assertEquals(latest, ByteBuffer.wrap(bytes, 1, 4).getInt());
    }

    @Test
    void shouldReadIntoGeneratedClassesWhenSpecificReaderIsOn() {
        Serde<GenericRecord> writer = AvroSerdes.generic(config(), false);
        ImageTextPair pair = ImageTextPair.newBuilder().setId("x").setCaption("c").setSource("s").setEventTime(Instant.EPOCH).build();
        byte[] bytes = new AvroSerializer<ImageTextPair>(registry(), config(), false).serialize("pairs.raw", pair);
        AvroDeserializer<Object> reader = new AvroDeserializer<>();
        reader.configure(config("specific.avro.reader", true), false);

        assertEquals(pair, reader.deserialize("pairs.raw", bytes));
        assertTrue(writer.deserializer().deserialize("pairs.raw", bytes) instanceof GenericData.Record);
    }

    @Test
    void shouldReportEveryBadSerdeKeyAtOnce() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();

        ConfigException e = assertThrows(ConfigException.class, () -> serializer.configure(
                config("value.subject.name.strategy", "ByPhaseOfMoon", "auto.register.schemas", "maybe"), false));

        assertTrue(e.getMessage().contains("value.subject.name.strategy") && e.getMessage().contains("auto.register.schemas"), e.getMessage());
    }
}
