package io.pairstream.schemas.serde;

import static io.pairstream.schemas.registry.TestSchemas.USER_V1;
import static io.pairstream.schemas.registry.TestSchemas.USER_V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pairstream.schemas.records.ImageTextPair;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Avro records through a real broker and a real registry over HTTP, written with the serializer
 * and read with the deserializer, including schema evolution in both directions. Subclasses supply
 * the broker and the registry: embedded here, or Confluent's images where Docker runs.
 */
abstract class AvroRoundTripScenarios {

    abstract String bootstrapServers();

    abstract String registryUrl();

    private Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", registryUrl());
    }

    @Test
    void shouldCarryGeneratedRecordsThroughTheBroker() throws Exception {
        String topic = "pairs-" + System.nanoTime();
        ImageTextPair pair = ImageTextPair.newBuilder().setId("p1").setImage(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setImageMediaType("image/png").setCaption("an ankle boot").setLabel("Ankle boot").setSource("fashion-mnist")
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L)).setAttributes(Map.of("split", "test")).build();

        produce(topic, List.of(pair), new AvroSerializer<>());
        AvroDeserializer<ImageTextPair> deserializer = new AvroDeserializer<>(null, ImageTextPair.class);
        deserializer.configure(serdeConfig(), false);

        assertEquals(List.of(pair), consume(topic, 1, deserializer));
    }

    @Test
    void shouldReadNewerDataWithTheOlderSchemaAndOlderDataWithTheNewerSchema() throws Exception {
        String topic = "users-" + System.nanoTime();
        GenericRecord v1 = new GenericData.Record(USER_V1);
        v1.put("name", "ada");
        GenericRecord v2 = new GenericData.Record(USER_V2);
        v2.put("name", "grace");
        v2.put("email", "grace@example.org");

        produce(topic, List.of(v1), new AvroSerializer<>());
        produce(topic, List.of(v2), new AvroSerializer<>());

        List<GenericRecord> asV1 = consume(topic, 2, readerWith(USER_V1));
        assertEquals("ada", asV1.get(0).get("name").toString());
        assertEquals("grace", asV1.get(1).get("name").toString());
        assertNull(asV1.get(1).getSchema().getField("email"), "a v1 reader sees no v2 field");

        List<GenericRecord> asV2 = consume(topic, 2, readerWith(USER_V2));
        assertNull(asV2.get(0).get("email"), "v1 data read as v2 takes the field's default");
        assertEquals("grace@example.org", asV2.get(1).get("email").toString());
    }

    /** A generic deserializer whose reader schema is fixed, as an application compiled against one version has. */
    private Deserializer<GenericRecord> readerWith(Schema reader) {
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(null, reader);
        deserializer.configure(serdeConfig(), false);
        return deserializer;
    }

    private <T> void produce(String topic, List<T> values, Serializer<T> serializer) throws Exception {
        Map<String, Object> config = new HashMap<>(serdeConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        serializer.configure(config, false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private <T> List<T> consume(String topic, int expected, Deserializer<T> deserializer) {
        Map<String, Object> config = new HashMap<>(serdeConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
