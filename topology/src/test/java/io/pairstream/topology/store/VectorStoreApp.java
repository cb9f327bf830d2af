package io.pairstream.topology.store;

import io.pairstream.topology.ChildJvms;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A Kafka Streams app around one vector store, run in a child JVM by {@link VectorStoreRestoreIT} so
 * the test can crash it. Items arrive on {@value #ITEMS} (key id, value little-endian floats);
 * queries on {@value #QUERIES} are answered on {@value #ANSWERS} with the store's count and the
 * top {@value #K} ids and scores. With the crash flag it also reads {@value #DOOMED}: each record
 * there holds several vectors, which it stores as {@code doomed-0, doomed-1, …} and then halts the
 * JVM inside the same open transaction, as a crash would.
 *
 * <p>Arguments: bootstrap servers, state directory, {@code crash} or {@code run}.
 */
public final class VectorStoreApp {

    static final String ITEMS = "items";
    static final String QUERIES = "queries";
    static final String ANSWERS = "answers";
    static final String DOOMED = "doomed-items";
    static final int HALT_EXIT_CODE = 99;
    static final String APPLICATION_ID = "vector-store-restore-it";
    static final String STORE = "it-neighbours";
    static final String FIELD = "text";
    static final int DIMENSION = 32;
    static final int K = 10;

    private VectorStoreApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean crashing = args[2].equals("crash");
        KafkaStreams streams = new KafkaStreams(topology(crashing), properties(args[0], args[1]));
        ChildJvms.runUntilStopped(streams);
    }

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static Topology topology(boolean crashing) {
        Topology topology = new Topology();
        topology.addSource("items", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), ITEMS);
        topology.addSource("queries", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), QUERIES);
        if (crashing) {
            topology.addSource("doomed", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), DOOMED);
            topology.addProcessor("store", StoreProcessor::new, "items", "queries", "doomed");
        } else {
            topology.addProcessor("store", StoreProcessor::new, "items", "queries");
        }
        topology.addStateStore(VectorStores.vectorStoreBuilder(STORE, Map.of(
                VectorStoreConfig.FIELDS_CONFIG, FIELD + ":" + DIMENSION,
                VectorStoreConfig.LISTS_CONFIG, 16,
                VectorStoreConfig.PROBES_CONFIG, 4,
                VectorStoreConfig.TRAINING_SIZE_CONFIG, 1_000)), "store");
        topology.addSink("answers", ANSWERS, Serdes.String().serializer(), Serdes.String().serializer(), "store");
        return topology;
    }

    private static Properties properties(String bootstrapServers, String stateDirectory) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        // A restarted instance must not wait out the crashed member's session, nor a long hanging transaction.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        properties.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 5_000);
        return properties;
    }

    /** Puts items, answers queries, and halts on the halt record of the doomed topic. */
    private static final class StoreProcessor implements Processor<String, byte[], String, String> {

        private ProcessorContext<String, String> context;
        private VectorStore store;

        @Override
        public void init(ProcessorContext<String, String> processorContext) {
            this.context = processorContext;
            this.store = processorContext.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            String topic = context.recordMetadata().orElseThrow().topic();
            if (topic.equals(QUERIES)) {
                List<Neighbour> found = store.search(SearchRequest.of(FIELD, decode(record.value()), K));
                String answer = "count=" + store.count() + ";" + found.stream()
                        .map(n -> n.id() + ":" + n.score()).collect(Collectors.joining(","));
                context.forward(new Record<>(record.key(), answer, record.timestamp()));
            } else if (topic.equals(DOOMED)) {
                float[] vectors = decode(record.value());
                for (int i = 0; i < vectors.length / DIMENSION; i++) {
                    float[] vector = Arrays.copyOfRange(vectors, i * DIMENSION, (i + 1) * DIMENSION);
                    store.put(new VectorItem("doomed-" + i, Map.of(FIELD, vector),
                            new ItemMetadata(null, topic, record.timestamp(), "it-model")));
                }
                Runtime.getRuntime().halt(HALT_EXIT_CODE);
            } else {
                store.put(new VectorItem(record.key(), Map.of(FIELD, decode(record.value())),
                        new ItemMetadata(null, topic, record.timestamp(), "it-model")));
            }
        }
    }
}
