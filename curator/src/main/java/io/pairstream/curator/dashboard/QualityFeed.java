package io.pairstream.curator.dashboard;

import io.pairstream.curator.config.FeedSettings;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard and the pair-quality gauges show: a background reader of the quality-metrics
 * and positive-pairs topics that keeps the latest {@link FeedSettings#windows()} windows per
 * partition and the latest {@link FeedSettings#pairs()} pairs, and nothing more, in memory. It reads
 * committed records only, joins no consumer group, and starts that far back from the end of each
 * partition so that a restarted dashboard shows recent history at once.
 */
public final class QualityFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QualityFeed.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final String metricsTopic;
    private final String pairsTopic;
    private final FeedSettings capacity;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroDeserializer<PairQualityWindow> windowReader;
    private final AvroDeserializer<PositivePair> pairReader;
    private final Map<Integer, Deque<PairQualityWindow>> windows = new TreeMap<>();
    private final Deque<PositivePair> pairs = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;
    private long windowsSeen;
    private long pairsSeen;

    private QualityFeed(Map<String, Object> kafka, SchemaRegistryClient registry, String metricsTopic, String pairsTopic, FeedSettings capacity) {
        this.metricsTopic = metricsTopic;
        this.pairsTopic = pairsTopic;
        this.capacity = capacity;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.windowReader = new AvroDeserializer<>(registry, PairQualityWindow.class);
        this.pairReader = new AvroDeserializer<>(registry, PositivePair.class);
        this.thread = new Thread(this::run, "pairstream-quality-feed");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading in the background.
     *
     * @param kafka Kafka client properties ({@code bootstrap.servers}, security)
     * @param registry resolves the writers' schemas; the caller keeps and closes it
     */
    public static QualityFeed start(Map<String, Object> kafka, SchemaRegistryClient registry, String metricsTopic, String pairsTopic,
                                    FeedSettings capacity) {
        QualityFeed feed = new QualityFeed(kafka, registry, metricsTopic, pairsTopic, capacity);
        feed.thread.start();
        return feed;
    }

    /** The windows kept, every partition's, oldest first. */
    public synchronized List<PairQualityWindow> windows() {
        List<PairQualityWindow> all = new ArrayList<>();
        windows.values().forEach(all::addAll);
        all.sort((a, b) -> a.getWindowStart().compareTo(b.getWindowStart()));
        return all;
    }

    /** The newest window of each partition that reported one. */
    public synchronized List<PairQualityWindow> latestWindows() {
        return windows.values().stream().filter(d -> !d.isEmpty()).map(Deque::peekLast).toList();
    }

    /** The pairs kept, newest first. */
    public synchronized List<PositivePair> pairs() {
        return List.copyOf(pairs);
    }

    /** Records read since the start: windows and pairs, kept or since dropped. */
    public synchronized long recordsSeen() {
        return windowsSeen + pairsSeen;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = waitForPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            startNearTheEnd(partitions);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // close() was called.
        } catch (RuntimeException e) {
            log.error("The dashboard's quality feed stopped: {}", e.toString(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.topic().equals(metricsTopic)) {
                add(windowReader.deserialize(record.topic(), record.value()));
            } else {
                add(pairReader.deserialize(record.topic(), record.value()));
            }
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private synchronized void add(PairQualityWindow window) {
        windowsSeen++;
        Deque<PairQualityWindow> partition = windows.computeIfAbsent(window.getPartition(), p -> new ArrayDeque<>());
        partition.addLast(window);
        while (partition.size() > capacity.windows()) {
            partition.removeFirst();
        }
    }

    private synchronized void add(PositivePair pair) {
        pairsSeen++;
        pairs.addFirst(pair);
        while (pairs.size() > capacity.pairs()) {
            pairs.removeLast();
        }
    }

    /** Both topics' partitions once they exist; the feed may start before the pipeline has created them. */
    private List<TopicPartition> waitForPartitions() {
        while (!closed) {
            List<TopicPartition> partitions = new ArrayList<>();
            partitions.addAll(partitionsOf(metricsTopic));
            partitions.addAll(partitionsOf(pairsTopic));
            if (partitions.stream().anyMatch(p -> p.topic().equals(metricsTopic)) && partitions.stream().anyMatch(p -> p.topic().equals(pairsTopic))) {
                return partitions;
            }
            try {
                Thread.sleep(TOPIC_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private List<TopicPartition> partitionsOf(String topic) {
        Collection<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of());
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private void startNearTheEnd(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            long keep = partition.topic().equals(metricsTopic) ? capacity.windows() : capacity.pairs();
            consumer.seek(partition, Math.max(beginning.get(partition), end.get(partition) - keep));
        }
    }

    /** Stops the reader and waits for it to close its consumer. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
