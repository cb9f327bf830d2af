package io.pairstream.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pairstream.schemas.registry.CompatibilityLevel;
import io.pairstream.schemas.registry.SchemaJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Journals registry changes to a compacted single-partition Kafka topic, in the key and value
 * JSON layout of Confluent's {@code _schemas} topic, so the registry survives restarts.
 */
public final class KafkaSchemaJournal implements SchemaJournal {

    public static final String DEFAULT_TOPIC = "_schemas";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientProps;
    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * @param clientProps Kafka client properties ({@code bootstrap.servers} and any security settings)
     * @param replicationFactor of the journal topic when it must be created
     */
    public KafkaSchemaJournal(Map<String, Object> clientProps, String topic, short replicationFactor) {
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
        createTopicIfMissing(replicationFactor);
        Properties producerProps = new Properties();
        producerProps.putAll(this.clientProps);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(producerProps);
    }

    @Override
    public void append(Entry entry) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key(entry), value(entry))).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write to the schema journal topic '" + topic + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to the schema journal topic '" + topic + "'", e);
        }
    }

    @Override
    public void replay(Consumer<Entry> apply) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out replaying the schema journal topic '" + topic + "' up to offset " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Entry entry = decode(record.key(), record.value());
                    if (entry != null) {
                        apply.accept(entry);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    private void createTopicIfMissing(short replicationFactor) {
        try (Admin admin = Admin.create(clientProps)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!existing.contains(topic)) {
                NewTopic journal = new NewTopic(topic, 1, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                admin.createTopics(List.of(journal)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create the schema journal topic '" + topic + "': " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT + " when creating the schema journal topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the schema journal topic '" + topic + "'", e);
        }
    }

    static byte[] key(Entry entry) {
        ObjectNode key = JSON.createObjectNode();
        if (entry instanceof SchemaVersion v) {
            key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version()).put("magic", 1);
        } else if (entry instanceof CompatibilityConfig c) {
            key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
        }
        return key.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(Entry entry) {
        ObjectNode value = JSON.createObjectNode();
        if (entry instanceof SchemaVersion v) {
            value.put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                    .put("schema", v.schema()).put("deleted", v.deleted());
        } else if (entry instanceof CompatibilityConfig c) {
            value.put("compatibilityLevel", c.level().name());
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a journal record; null for record kinds this registry does not use (e.g. NOOP keys, tombstones). */
    static Entry decode(byte[] keyBytes, byte[] valueBytes) {
        if (keyBytes == null || valueBytes == null) {
            return null;
        }
        try {
            JsonNode key = JSON.readTree(keyBytes);
            JsonNode value = JSON.readTree(valueBytes);
            return switch (key.path("keytype").asText()) {
                case "SCHEMA" -> new SchemaVersion(value.get("subject").asText(), value.get("version").asInt(), value.get("id").asInt(),
                        value.get("schema").asText(), value.path("deleted").asBoolean(false));
                case "CONFIG" -> new CompatibilityConfig(key.path("subject").isNull() || key.path("subject").isMissingNode() ? null : key.get("subject").asText(),
                        CompatibilityLevel.parse(value.get("compatibilityLevel").asText()));
                default -> null;
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable record in the schema journal", e);
        }
    }
}
