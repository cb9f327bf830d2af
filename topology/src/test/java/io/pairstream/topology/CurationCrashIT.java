package io.pairstream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.registry.server.EmbeddedSchemaRegistry;
import io.pairstream.schemas.registry.server.KafkaSchemaJournal;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.schemas.serde.AvroSerializer;
import io.pairstream.topology.config.TopicNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage 2 under a real crash: every pair is read and held in the durable batch buffer, its input
 * offset committed with it, and the app is killed (SIGKILL) before any batch drains: either while
 * every pair waits for its batch ({@code hold}), or while a full batch is on the model thread and
 * the rest wait behind it ({@code stall}). A restarted app on the same state directory drains the
 * buffer: every pair is stored exactly once and each anchor gets its pair exactly once: nothing
 * lost, nothing doubled.
 */
class CurationCrashIT {

    private static final int PAIRS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

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

    @ParameterizedTest
    @ValueSource(strings = {"hold", "stall"})
    void shouldNeitherLoseNorDoubleBufferedPairsWhenTheAppIsKilledBeforeTheyDrain(String mode) throws Exception {
        TopicNames topics = TopicNames.defaults();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(directory.resolve("broker"))
                .optBrokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startOnKafka(
                     Map.of("bootstrap.servers", broker.bootstrapServers()), KafkaSchemaJournal.DEFAULT_TOPIC, (short) 1, "127.0.0.1", 0);
             Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(topics.rawPairs(), topics.deadLetters(), topics.rejectedPairs(), topics.positivePairs(),
                    topics.qualityMetrics()).stream().map(name -> new NewTopic(name, 1, (short) 1)).toList()).all().get();
            Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
            send(broker.bootstrapServers(), serde, topics.rawPairs());
            Path state = directory.resolve("state");

            Process holding = start(broker, registry, state, mode);
            awaitCommittedInput(admin, topics.rawPairs(), holding, mode);
            assertTrue(readPositives(broker.bootstrapServers(), serde, topics.positivePairs(), Duration.ofSeconds(2)).isEmpty(),
                    "nothing drained before the crash");
            holding.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            Process draining = start(broker, registry, state, "drain");
            Set<String> stored = awaitStored(broker.bootstrapServers(), draining);
            assertEquals(PAIRS, stored.size());
            List<PositivePair> positives = readPositives(broker.bootstrapServers(), serde, topics.positivePairs(), Duration.ofSeconds(3));
            Set<String> anchors = new HashSet<>();
            positives.forEach(pair -> assertTrue(anchors.add(pair.getAnchorId()), "paired twice: " + pair.getAnchorId()));
            assertEquals(PAIRS - 3, anchors.size(), "all but the first of each of the three concepts have an earlier neighbour");
        }
    }

    private static void send(String bootstrap, Map<String, Object> serde, String topic) {
        AvroSerializer<ImageTextPair> serializer = new AvroSerializer<>();
        serializer.configure(serde, false);
        String[] concepts = {"cat", "dog", "boot"};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PAIRS; i++) {
                String concept = concepts[i % concepts.length];
                ImageTextPair pair = ImageTextPair.newBuilder().setId("pair-" + i).setCaption("a photo of a " + concept)
                        .setLabel(concept).setSource("crash-it").setImage(ByteBuffer.wrap((concept + ":" + i).getBytes(StandardCharsets.UTF_8)))
                        .setEventTime(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)).build();
                producer.send(new ProducerRecord<>(topic, pair.getId().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, pair)));
            }
        }
    }

    /** Waits until the app has committed every input offset, i.e. every pair is in the committed buffer. */
    private void awaitCommittedInput(Admin admin, String topic, Process app, String mode) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long committed = -1;
        while (committed < end) {
            assertTrue(System.nanoTime() < deadline && app.isAlive(), () -> "input never committed\n" + log(mode));
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(CurationApp.APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get().get(partition);
            committed = offset == null ? -1 : offset.offset();
            Thread.sleep(200);
        }
    }

    /** The ids the vector store's committed changelog holds, once it holds them all. */
    private Set<String> awaitStored(String bootstrap, Process app) {
        Map<String, Boolean> live = new HashMap<>();
        String changelog = CurationApp.APPLICATION_ID + "-" + CurationTopology.VECTOR_STORE + "-changelog";
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrap)) {
            consumer.subscribe(List.of(changelog));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (live.values().stream().filter(Boolean::booleanValue).count() < PAIRS) {
                assertTrue(System.nanoTime() < deadline && app.isAlive(), () -> "the buffer never drained\n" + log("drain"));
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.key()[0] == 'I') {
                        live.put(new String(record.key(), 1, record.key().length - 1, StandardCharsets.UTF_8), record.value() != null);
                    }
                }
            }
        }
        Set<String> stored = new HashSet<>();
        live.forEach((id, present) -> {
            if (present) {
                stored.add(id);
            }
        });
        return stored;
    }

    private static List<PositivePair> readPositives(String bootstrap, Map<String, Object> serde, String topic, Duration quiet) {
        AvroDeserializer<PositivePair> deserializer = new AvroDeserializer<>(null, PositivePair.class);
        deserializer.configure(serde, false);
        List<PositivePair> pairs = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrap)) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < quiet.toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    pairs.add(deserializer.deserialize(topic, record.value()));
                    quietSince = System.nanoTime();
                }
            }
        }
        return pairs;
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap) {
        return new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Process start(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Path state, String mode) throws IOException {
        return apps.start(CurationApp.class, mode, broker.bootstrapServers(), registry.url(), state.toString(), mode);
    }

    private String log(String mode) {
        return apps.logTail(mode);
    }
}
