package io.pairstream.bench.store;

import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import io.pairstream.topology.store.ItemMetadata;
import io.pairstream.topology.store.VectorItem;
import io.pairstream.topology.store.VectorStore;
import io.pairstream.topology.store.VectorStoreConfig;
import io.pairstream.topology.store.VectorStores;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Restore time of the vector store from its changelog on a real (embedded) broker: a Streams app
 * fills the store from a topic, is closed, its state directory is wiped, and a second instance
 * restores RocksDB from the changelog; then the first record it processes triggers the rebuild of
 * the in-memory index. Prints both times.
 *
 * <p>Arguments as key=value: {@code vectors} (a file as {@link VectorFile} writes), {@code lists},
 * {@code training} (optional, as {@link StoreBenchmark}), {@code out} (a scratch directory for the
 * broker and the state, deleted at the end).
 */
public final class ChangelogRestoreBenchmark {

    private static final String ITEMS = "restore-bench-items";
    private static final String STORE = "restore-bench-neighbours";
    private static final String FIELD = "vector";
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private ChangelogRestoreBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = StoreBenchmark.parse(argv);
        float[][] vectors = VectorFile.readFloats(Path.of(args.get("vectors")));
        Path out = Path.of(args.get("out"));
        StoreBenchmark.deleteRecursively(out);
        int lists = Integer.parseInt(args.get("lists"));
        Map<String, Object> storeConfig = Map.of(
                VectorStoreConfig.FIELDS_CONFIG, FIELD + ":" + vectors[0].length,
                VectorStoreConfig.LISTS_CONFIG, lists,
                VectorStoreConfig.TRAINING_SIZE_CONFIG, StoreBenchmark.trainingSize(args, vectors.length, lists));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(out.resolve("broker")).optMaxHeap("1g").start()) {
            String servers = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                admin.createTopics(List.of(new NewTopic(ITEMS, 1, (short) 1))).all().get();
            }
            long start = System.nanoTime();
            produce(servers, vectors, 0, vectors.length);
            System.out.printf("produced %d vectors to the input topic in %.1f s%n", vectors.length,
                    StoreBenchmark.seconds(start));

            Path state = out.resolve("state");
            AtomicInteger processed = new AtomicInteger();
            start = System.nanoTime();
            try (KafkaStreams filling = new KafkaStreams(topology(storeConfig, processed), properties(servers, state))) {
                filling.start();
                awaitAtLeast(processed, vectors.length);
            }
            System.out.printf("filled the logged store with %d items through Streams in %.1f s (%.0f/s, changelog "
                    + "writes included)%n", vectors.length, StoreBenchmark.seconds(start),
                    vectors.length / StoreBenchmark.seconds(start));
            StoreBenchmark.deleteRecursively(state);

            RestoreTimer timer = new RestoreTimer();
            try (KafkaStreams restoring = new KafkaStreams(topology(storeConfig, processed), properties(servers, state))) {
                restoring.setGlobalStateRestoreListener(timer);
                restoring.start();
                if (!timer.done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the store was not restored within " + TIMEOUT);
                }
                long restored = System.nanoTime();
                // The first record after a restore makes the store rebuild its index from RocksDB.
                produce(servers, vectors, 0, 1);
                awaitAtLeast(processed, vectors.length + 1);
                System.out.printf("RESTORE {\"items\":%d,\"changelog_records\":%d,\"changelog_restore_s\":%.1f,"
                                + "\"index_rebuild_s\":%.1f}%n", vectors.length, timer.records.get(),
                        timer.restoreNanos() / 1e9, StoreBenchmark.seconds(restored));
            }
        }
        // Broker logs and state of a 1M run take gigabytes.
        StoreBenchmark.deleteRecursively(out);
    }

    private static void produce(String servers, float[][] vectors, int from, int to) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int row = from; row < to; row++) {
                ByteBuffer value = ByteBuffer.allocate(vectors[row].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                value.asFloatBuffer().put(vectors[row]);
                producer.send(new ProducerRecord<>(ITEMS, Integer.toString(row), value.array()));
            }
        }
    }

    private static void awaitAtLeast(AtomicInteger counter, int target) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(counter.get() + " of " + target + " records processed in " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    private static Topology topology(Map<String, Object> storeConfig, AtomicInteger processed) {
        Topology topology = new Topology();
        topology.addSource("items", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), ITEMS);
        topology.addProcessor("store", () -> new PutProcessor(processed), "items");
        topology.addStateStore(VectorStores.vectorStoreBuilder(STORE, storeConfig), "store");
        return topology;
    }

    private static Properties properties(String servers, Path state) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-restore-benchmark");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // The second instance must not wait out the first one's session before it is assigned the task.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Changelog records are 2 KB at d=512: large batches keep the broker from being the bottleneck.
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 1 << 20);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 50);
        return properties;
    }

    /** Puts every input record into the store and counts it. */
    private static final class PutProcessor implements Processor<String, byte[], Void, Void> {

        private final AtomicInteger processed;
        private VectorStore store;

        PutProcessor(AtomicInteger processed) {
            this.processed = processed;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            float[] vector = new float[record.value().length / Float.BYTES];
            ByteBuffer.wrap(record.value()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            store.put(new VectorItem(record.key(), Map.of(FIELD, vector),
                    new ItemMetadata(null, "bench", record.timestamp(), "bench-v1")));
            processed.incrementAndGet();
        }
    }

    /** Times the restoration of the store from its first restored batch's start to its end. */
    private static final class RestoreTimer implements StateRestoreListener {

        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicLong records = new AtomicLong();
        private volatile long startNanos;
        private volatile long endNanos;

        long restoreNanos() {
            return endNanos - startNanos;
        }

        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
            startNanos = System.nanoTime();
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
            records.addAndGet(numRestored);
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            endNanos = System.nanoTime();
            done.countDown();
        }
    }
}
