package io.pairstream.curator.demo;

import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.topology.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the pipeline commits during one demo run (everything after the positions it finds at
 * creation, read-committed) and accumulates the run's figures: its quality windows, every emitted
 * pair's label agreement per strategy and source, a few pairs per strategy for the report's grid,
 * and the ids of rejected pairs.
 */
final class DemoObserver implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int GRID_PAIRS_PER_GROUP = 4;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicNames topics;
    private final AvroDeserializer<PairQualityWindow> windowReader;
    private final AvroDeserializer<PositivePair> pairReader;
    private final AvroDeserializer<RejectedPair> rejectionReader;
    private final List<PairQualityWindow> windows = new ArrayList<>();
    private final Map<String, Agreement> agreement = new HashMap<>();
    private final Map<String, List<PositivePair>> gridPairs = new HashMap<>();
    private final Map<String, Set<String>> rejected = new HashMap<>();
    private final Random sampling = new Random(1);

    /** Label agreement of one group of pairs (a strategy on one source). */
    static final class Agreement {
        long pairs;
        long labelled;
        long agreeing;
    }

    DemoObserver(Map<String, Object> kafka, Map<String, Object> registry, TopicNames topics) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "pairstream-demo-" + UUID.randomUUID());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.windowReader = reader(PairQualityWindow.class, registry);
        this.pairReader = reader(PositivePair.class, registry);
        this.rejectionReader = reader(RejectedPair.class, registry);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.qualityMetrics(), topics.positivePairs(), topics.rejectedPairs())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> AvroDeserializer<T> reader(Class<T> type,
                                                                                                 Map<String, Object> registry) {
        AvroDeserializer<T> reader = new AvroDeserializer<>(null, type);
        reader.configure(registry, false);
        return reader;
    }

    /** Reads what has been committed since the last call. */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.topic().equals(topics.qualityMetrics())) {
                windows.add(windowReader.deserialize(record.topic(), record.value()));
            } else if (record.topic().equals(topics.positivePairs())) {
                count(pairReader.deserialize(record.topic(), record.value()));
            } else {
                RejectedPair rejection = rejectionReader.deserialize(record.topic(), record.value());
                rejected.computeIfAbsent(rejection.getSource(), s -> new HashSet<>()).add(rejection.getPairId());
            }
        }
    }

    private void count(PositivePair pair) {
        String group = group(pair);
        Agreement figures = agreement.computeIfAbsent(group, g -> new Agreement());
        figures.pairs++;
        if (pair.getAnchorLabel() != null && pair.getPositiveLabel() != null) {
            figures.labelled++;
            figures.agreeing += pair.getAnchorLabel().equals(pair.getPositiveLabel()) ? 1 : 0;
        }
        if (pair.getAnchorImage() == null || pair.getPositiveImage() == null) {
            return;
        }
        // A reservoir sample, so the grid shows pairs from the whole run rather than its first seconds.
        List<PositivePair> grid = gridPairs.computeIfAbsent(group, g -> new ArrayList<>());
        if (grid.size() < GRID_PAIRS_PER_GROUP) {
            grid.add(pair);
        } else {
            long slot = (long) (sampling.nextDouble() * figures.pairs);
            if (slot < GRID_PAIRS_PER_GROUP) {
                grid.set((int) slot, pair);
            }
        }
    }

    static String group(PositivePair pair) {
        return pair.getAnchorSource() + " / " + pair.getStrategy();
    }

    /** Records stored, rejected or dead-lettered so far in this run. */
    long accounted() {
        return windows.stream().mapToLong(w -> w.getStored() + w.getRejected() + w.getDeadLettered()).sum();
    }

    List<PairQualityWindow> windows() {
        return windows;
    }

    Map<String, Agreement> agreement() {
        return agreement;
    }

    Map<String, List<PositivePair>> gridPairs() {
        return gridPairs;
    }

    /** Ids of rejected pairs, per source. */
    Map<String, Set<String>> rejected() {
        return rejected;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
