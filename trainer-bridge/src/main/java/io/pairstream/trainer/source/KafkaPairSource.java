package io.pairstream.trainer.source;

import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code PositivePair}s from a topic with a read-committed consumer (so pairs of aborted
 * curation transactions are never trained on) and commits offsets only when told to, that is when
 * the pairs before them went into a completed, checkpointed step.
 */
public final class KafkaPairSource implements PairSource {

    private final KafkaConsumer<byte[], PositivePair> consumer;
    private final String topic;

    /**
     * @param clientProperties Kafka consumer and Avro serde properties ({@code bootstrap.servers},
     *                         {@code group.id}, {@code schema.registry.url}, ...)
     * @param maxPollRecords   the most pairs one poll returns: bounds what waits in memory
     */
    public KafkaPairSource(Map<String, Object> clientProperties, String topic, int maxPollRecords) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroDeserializer<PositivePair> values = new AvroDeserializer<>(null, PositivePair.class);
        values.configure(props, false);
        props.keySet().retainAll(ConsumerConfig.configNames());
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), values);
        this.topic = topic;
    }

    @Override
    public void start(Map<TopicPartition, Long> positions) {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // The checkpoint, not the group, is the truth: a crash between saving it and committing leaves the group behind.
                partitions.stream().filter(positions::containsKey).forEach(p -> consumer.seek(p, positions.get(p)));
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Nothing to flush: offsets are committed only with checkpoints.
            }
        });
    }

    @Override
    public List<SourcedPair> poll(Duration timeout) {
        List<SourcedPair> pairs = new ArrayList<>();
        for (ConsumerRecord<byte[], PositivePair> record : consumer.poll(timeout)) {
            pairs.add(new SourcedPair(new TopicPartition(record.topic(), record.partition()), record.offset(), record.value()));
        }
        return pairs;
    }

    @Override
    public void commit(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next)));
        consumer.commitSync(offsets);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
