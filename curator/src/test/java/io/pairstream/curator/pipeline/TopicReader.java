package io.pairstream.curator.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads what is committed to a topic so far, from the beginning, as a fresh read-committed consumer would. */
final class TopicReader<V> implements AutoCloseable {

    private final KafkaConsumer<byte[], V> consumer;
    private final List<V> values = new ArrayList<>();
    private final List<byte[]> keys = new ArrayList<>();

    TopicReader(String bootstrapServers, String topic, Deserializer<V> valueDeserializer) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), valueDeserializer);
        consumer.subscribe(List.of(topic));
    }

    /** Everything read so far, after reading on until a poll finds nothing new. */
    List<V> poll() {
        int before;
        do {
            before = values.size();
            for (ConsumerRecord<byte[], V> record : consumer.poll(Duration.ofMillis(300))) {
                keys.add(record.key());
                values.add(record.value());
            }
        } while (values.size() > before);
        return values;
    }

    List<byte[]> keys() {
        return keys;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
