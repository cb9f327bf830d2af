package io.pairstream.curator.tail;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows every partition of one topic without joining a consumer group (so nothing is committed
 * and no other reader is disturbed), from the beginning or from now on, and hands each value on.
 * A record that cannot be decoded is reported and stepped over.
 */
public final class TopicFollower<V> {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], V> consumer;
    private final String topic;

    /** @param consumer configured with {@code isolation.level=read_committed} and no group */
    public TopicFollower(KafkaConsumer<byte[], V> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /**
     * Delivers records until {@code max} were delivered, nothing arrived for {@code idle}, or
     * {@link #stop} is called; returns how many were delivered.
     *
     * @param idle how long to wait for a next record, or null to wait for ever
     */
    public long follow(boolean fromBeginning, long max, Duration idle, Consumer<V> values, Consumer<String> problems) {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        long delivered = 0;
        long lastRecord = System.nanoTime();
        try {
            while (delivered < max && (idle == null || System.nanoTime() - lastRecord < idle.toNanos())) {
                try {
                    for (ConsumerRecord<byte[], V> record : consumer.poll(POLL)) {
                        lastRecord = System.nanoTime();
                        values.accept(record.value());
                        if (++delivered >= max) {
                            break;
                        }
                    }
                } catch (RecordDeserializationException e) {
                    problems.accept("cannot decode the record at " + e.topicPartition() + "@" + e.offset() + ": " + e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            // stop() was called: end quietly with what was delivered.
        }
        return delivered;
    }

    /** Ends a running {@link #follow} from another thread. */
    public void stop() {
        consumer.wakeup();
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
