package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.pairstream.topology.ChildJvms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store in a real exactly-once Streams app on a real broker: filled, crashed inside an open
 * transaction, its state directory wiped, restarted; the restored store must answer as before and
 * must not show what the crashed transaction wrote.
 */
class VectorStoreRestoreIT {

    private static final int ITEM_COUNT = 3_000;
    private static final int QUERY_COUNT = 40;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    private ChildJvms apps;

    @BeforeEach
    void prepareApps() {
        apps = new ChildJvms(directory);
    }

    @AfterEach
    void stopApps() {
        apps.close();
    }

    @Test
    void shouldAnswerTheSameQueriesAfterACrashAndARestoreIntoAWipedStateDirectory() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(directory.resolve("broker"))
                .optBrokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .start()) {
            createTopics(broker.bootstrapServers());
            ClusteredVectors data = new ClusteredVectors(11, VectorStoreApp.DIMENSION, 20, 0.9f);
            List<float[]> queries = new ArrayList<>();
            Path state = directory.resolve("state");
            try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
                 KafkaConsumer<String, String> answers = answerConsumer(broker.bootstrapServers())) {
                for (int i = 0; i < ITEM_COUNT; i++) {
                    producer.send(new ProducerRecord<>(VectorStoreApp.ITEMS, "item-" + i,
                            VectorStoreApp.encode(data.next())));
                }
                for (int q = 0; q < QUERY_COUNT; q++) {
                    queries.add(data.next());
                }
                producer.flush();

                Process first = startApp(broker.bootstrapServers(), state, "crash");
                Map<String, String> before = ask(producer, answers, queries, first, "crash");
                assertTrue(before.values().stream().allMatch(a -> a.startsWith("count=" + ITEM_COUNT + ";")),
                        before::toString);

                // The doomed items are the queries themselves: were they visible, each would be its query's best hit.
                float[] doomed = new float[QUERY_COUNT * VectorStoreApp.DIMENSION];
                for (int q = 0; q < QUERY_COUNT; q++) {
                    System.arraycopy(queries.get(q), 0, doomed, q * VectorStoreApp.DIMENSION, VectorStoreApp.DIMENSION);
                }
                producer.send(new ProducerRecord<>(VectorStoreApp.DOOMED, "doomed", VectorStoreApp.encode(doomed)));
                producer.flush();
                assertTrue(first.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the app did not crash");
                assertEquals(VectorStoreApp.HALT_EXIT_CODE, first.exitValue(), () -> log("crash"));

                deleteRecursively(state);
                Process second = startApp(broker.bootstrapServers(), state, "run");
                Map<String, String> after = ask(producer, answers, queries, second, "run");

                assertEquals(before, after);
            }
        }
    }

    /** Sends each query once the store holds every item, and collects the answers by query key. */
    private Map<String, String> ask(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, String> answers,
                                    List<float[]> queries, Process app, String mode) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String ready = "count=" + ITEM_COUNT + ";";
        boolean synced = false;
        for (int attempt = 0; !synced; attempt++) {
            assertTrue(System.nanoTime() < deadline && app.isAlive(), () -> "the store never held every item\n"
                    + log(mode));
            producer.send(new ProducerRecord<>(VectorStoreApp.QUERIES, "sync-" + mode + "-" + attempt,
                    VectorStoreApp.encode(queries.get(0))));
            producer.flush();
            for (ConsumerRecord<String, String> answer : answers.poll(Duration.ofMillis(500))) {
                synced |= answer.key().startsWith("sync-" + mode) && answer.value().startsWith(ready);
            }
        }
        for (int q = 0; q < queries.size(); q++) {
            producer.send(new ProducerRecord<>(VectorStoreApp.QUERIES, "query-" + q,
                    VectorStoreApp.encode(queries.get(q))));
        }
        producer.flush();
        Map<String, String> collected = new LinkedHashMap<>();
        while (collected.size() < queries.size()) {
            assertTrue(System.nanoTime() < deadline, "not every query was answered: " + collected.keySet());
            for (ConsumerRecord<String, String> answer : answers.poll(Duration.ofMillis(500))) {
                if (answer.key().startsWith("query-")) {
                    collected.put(answer.key(), answer.value());
                }
            }
        }
        return collected;
    }

    private Process startApp(String bootstrapServers, Path state, String mode) throws IOException {
        return apps.start(VectorStoreApp.class, mode, bootstrapServers, state.toString(), mode);
    }

    private String log(String mode) {
        return apps.logTail(mode);
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(Stream.of(VectorStoreApp.ITEMS, VectorStoreApp.QUERIES, VectorStoreApp.DOOMED,
                    VectorStoreApp.ANSWERS).map(topic -> new NewTopic(topic, 1, (short) 1)).toList()).all().get();
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, String> answerConsumer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer());
        consumer.assign(List.of(new TopicPartition(VectorStoreApp.ANSWERS, 0)));
        return consumer;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
