package io.pairstream.topology.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.registry.MockSchemaRegistry;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.schemas.serde.AvroSerializer;
import io.pairstream.topology.DriverClock;
import io.pairstream.topology.config.BatchSettings;
import io.pairstream.topology.ingest.DecodeProcessor;
import io.pairstream.topology.ingest.PairDecoder;
import io.pairstream.topology.ingest.SourceRecordSerde;
import io.pairstream.topology.ingest.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.pairstream.topology.model.Embedding;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import io.pairstream.topology.model.HashingClipModel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages 1 and 2 (decode/validate, batch embedding) with their dead-letter paths, through TopologyTestDriver. */
class IngestAndEmbedTopologyTest {

    private static final String SCOPE = "ingest-embed-test";
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://" + SCOPE);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private HashingClipModel model = new HashingClipModel();
    /** Batches of three, each embedded and forwarded at once unless a test pipelines them. */
    private BatchSettings batching = new BatchSettings(3, Duration.ofSeconds(1), false);
    private final DriverClock clock = new DriverClock(START);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, String> embedded;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;
    private AvroSerializer<ImageTextPair> pairSerializer;

    @BeforeEach
    void start() {
        pairSerializer = new AvroSerializer<>();
        pairSerializer.configure(SERDE, false);
        startDriver();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        MockSchemaRegistry.dropScope(SCOPE);
    }

    /** Source, the two stages, and sinks that make their outputs readable: embedded pairs as "id|model|dims". */
    private Topology topology() {
        AvroDeserializer<ImageTextPair> deserializer = new AvroDeserializer<>(null, ImageTextPair.class);
        deserializer.configure(SERDE, false);
        PairDecoder decoder = new PairDecoder(deserializer);
        AvroSerializer<DeadLetter> deadLetterSerializer = new AvroSerializer<>();
        deadLetterSerializer.configure(SERDE, false);

        Topology topology = new Topology();
        topology.addSource("raw", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "pairs.raw");
        topology.addProcessor("decode", () -> new DecodeProcessor(decoder, "embed", "dlq", clock), "raw");
        topology.addProcessor("embed", () -> new EmbedBatchProcessor(model, decoder, batching,
                "embed-buffer", "unbatch", "dlq", clock), "decode");
        topology.addProcessor("unbatch", Unbatch::new, "embed");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("embed-buffer"), Serdes.Long(), new SourceRecordSerde()), "embed");
        topology.addSink("embedded", "embedded.out", new StringSerializer(),
                (topic, pair) -> (((EmbeddedPair) pair).id() + "|" + ((EmbeddedPair) pair).modelVersion() + "|"
                        + ((EmbeddedPair) pair).imageVector().length + "," + ((EmbeddedPair) pair).textVector().length).getBytes(StandardCharsets.UTF_8),
                "unbatch");
        topology.addSink("dlq", "pairs.dlq", new ByteArraySerializer(), deadLetterSerializer, "decode", "embed");
        return topology;
    }

    private void restart(BatchSettings settings, HashingClipModel clipModel) {
        driver.close();
        batching = settings;
        model = clipModel;
        startDriver();
    }

    private static List<String> ids(List<String> embeddedValues) {
        return embeddedValues.stream().map(v -> v.split("\\|")[0]).toList();
    }

    private static List<Long> keys(KeyValueStore<Long, SourceRecord> store) {
        List<Long> keys = new ArrayList<>();
        try (KeyValueIterator<Long, SourceRecord> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** Forwards each pair of an embedded batch, so the sink shows one value per pair. */
    private static final class Unbatch implements Processor<Object, EmbeddedBatch, String, EmbeddedPair> {
        private ProcessorContext<String, EmbeddedPair> context;

        @Override
        public void init(ProcessorContext<String, EmbeddedPair> context) {
            this.context = context;
        }

        @Override
        public void process(Record<Object, EmbeddedBatch> record) {
            record.value().pairs().forEach(pair -> context.forward(new Record<>(pair.id(), pair, record.timestamp())));
        }
    }

    /** The hashing model behind a gate: its first call waits until the test opens it. It counts the batches it finished. */
    private static final class GatedClipModel extends HashingClipModel {
        private final CountDownLatch called = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private final Semaphore finished = new Semaphore(0);

        @Override
        public List<Embedding> embedImages(List<byte[]> encodedImages) {
            called.countDown();
            try {
                assertTrue(gate.await(30, TimeUnit.SECONDS), "the test never opened the gate");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.embedImages(encodedImages);
        }

        @Override
        public List<Embedding> embedTexts(List<String> captions) {
            List<Embedding> embedded = super.embedTexts(captions);
            finished.release();
            return embedded;
        }

        void awaitFinished(int batches) throws InterruptedException {
            assertTrue(finished.tryAcquire(batches, 30, TimeUnit.SECONDS), "the model never finished " + batches + " batch(es)");
        }

        void awaitCalled() throws InterruptedException {
            assertTrue(called.await(30, TimeUnit.SECONDS), "the model was never called");
        }

        void open() {
            gate.countDown();
        }
    }

    /**
     * Restarts pipelined with batches of {@code size} on a gated model, sends {@code size} pairs
     * (p0, p1, ...) and lets the model finish them: the first batch is then done, not yet forwarded.
     */
    private GatedClipModel firstBatchFinished(int size, Duration linger) throws InterruptedException {
        GatedClipModel gated = new GatedClipModel();
        restart(new BatchSettings(size, linger, true), gated);
        for (int i = 0; i < size; i++) {
            send(pair("p" + i, "a boot", new byte[] {(byte) (1 + i)}));
        }
        gated.open();
        gated.awaitFinished(1);
        // The batch's future completes just after the model returns.
        Thread.sleep(50);
        return gated;
    }

    private void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-embed-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology(), props, START);
        raw = driver.createInputTopic("pairs.raw", new ByteArraySerializer(), new ByteArraySerializer());
        embedded = driver.createOutputTopic("embedded.out", new StringDeserializer(), new StringDeserializer());
        AvroDeserializer<DeadLetter> deadLetterDeserializer = new AvroDeserializer<>(null, DeadLetter.class);
        deadLetterDeserializer.configure(SERDE, false);
        deadLetters = driver.createOutputTopic("pairs.dlq", new ByteArrayDeserializer(), deadLetterDeserializer);
    }

    private static ImageTextPair pair(String id, String caption, byte[] image) {
        return ImageTextPair.newBuilder().setId(id).setCaption(caption).setSource("test")
                .setImage(image == null ? null : ByteBuffer.wrap(image)).setEventTime(START).build();
    }

    private void send(ImageTextPair pair) {
        raw.pipeInput(pair.getId().getBytes(StandardCharsets.UTF_8), pairSerializer.serialize("pairs.raw", pair));
    }

    @Test
    void shouldEmbedInBatchesOfTheConfiguredSize() {
        for (int i = 0; i < 7; i++) {
            send(pair("p" + i, "a photo of item " + i, new byte[] {1, 2, (byte) i}));
        }

        assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5"), embedded.readValuesToList().stream().map(v -> v.split("\\|")[0]).toList());
        assertEquals(List.of(3, 3), model.imageBatchSizes());
    }

    @Test
    void shouldForwardPipelinedBatchesInInputOrderAndEverythingAtTheLinger() {
        restart(new BatchSettings(3, Duration.ofSeconds(1), true), new HashingClipModel());
        for (int i = 0; i < 7; i++) {
            send(pair("p" + i, "a photo of item " + i, new byte[] {1, 2, (byte) i}));
        }

        // Batches are forwarded as the model finishes them, so how many are out yet depends on timing; their order does not.
        List<String> early = ids(embedded.readValuesToList());
        assertTrue(List.of(List.of(), List.of("p0", "p1", "p2"), List.of("p0", "p1", "p2", "p3", "p4", "p5")).contains(early),
                early.toString());
        clock.advance(driver, Duration.ofSeconds(1));

        List<String> all = new ArrayList<>(early);
        all.addAll(ids(embedded.readValuesToList()));
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6"), all);
        assertEquals(List.of(3, 3, 1), model.imageBatchSizes());
        assertEquals(0, driver.<Long, SourceRecord>getKeyValueStore("embed-buffer").approximateNumEntries());
    }

    @Test
    void shouldHandAFullBatchToAnIdleModelBeforeForwardingAFinishedOne() throws Exception {
        GatedClipModel gated = firstBatchFinished(3, Duration.ofSeconds(1));

        // The first batch is finished and the model idle: the next record starts a batch that fills at once, so it waits.
        send(pair("p3", "a boot", new byte[] {4}));
        assertTrue(embedded.isEmpty());

        send(pair("p4", "a boot", new byte[] {5}));
        send(pair("p5", "a boot", new byte[] {6}));
        gated.awaitFinished(1);
        clock.advance(driver, Duration.ofSeconds(1));
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5"), ids(embedded.readValuesToList()));
        assertEquals(List.of(3, 3), gated.imageBatchSizes());
    }

    /**
     * A burst's next batch fills at once, so it goes to the idle model before a finished batch is
     * forwarded; records that come slower than a forward takes (0 ns here: this clock only moves
     * when the test moves it) are not held for.
     */
    @Test
    void shouldHoldAFinishedBatchForAFastStreamButNotForASlowOne() throws Exception {
        GatedClipModel gated = firstBatchFinished(4, Duration.ofSeconds(10));

        send(pair("p4", "a boot", new byte[] {5}));
        send(pair("p5", "a boot", new byte[] {6}));
        assertTrue(embedded.isEmpty(), "p4 and p5 came at once: the next batch fills first");

        clock.advance(driver, Duration.ofMillis(100));
        send(pair("p6", "a boot", new byte[] {7}));
        assertEquals(List.of("p0", "p1", "p2", "p3"), ids(embedded.readValuesToList()),
                "p6 came 100 ms after p5, slower than a forward takes: the finished batch goes on");
        assertEquals(List.of(4), gated.imageBatchSizes());
    }

    @Test
    void shouldKeepABatchOnTheModelThreadInTheBufferUntilItIsForwarded() throws Exception {
        GatedClipModel gated = new GatedClipModel();
        restart(new BatchSettings(3, Duration.ofSeconds(1), true), gated);
        for (int i = 0; i < 4; i++) {
            send(pair("p" + i, "a boot", new byte[] {(byte) (1 + i)}));
        }
        gated.awaitCalled();

        // A commit now keeps the pending batch in the buffer, so a crash embeds it again.
        KeyValueStore<Long, SourceRecord> store = driver.getKeyValueStore("embed-buffer");
        assertEquals(List.of(0L, 1L, 2L, 3L), keys(store));
        assertTrue(embedded.isEmpty());

        gated.open();
        clock.advance(driver, Duration.ofSeconds(1));

        assertEquals(List.of("p0", "p1", "p2", "p3"), ids(embedded.readValuesToList()));
        assertEquals(List.of(), keys(store));
    }

    @Test
    void shouldDrainAPartialBatchWhenTheLingerPasses() {
        send(pair("p0", "a boot", new byte[] {1}));
        assertTrue(embedded.isEmpty());

        clock.advance(driver, Duration.ofSeconds(1));

        assertEquals(List.of("p0|hashing-test-model@1|16,16"), embedded.readValuesToList());
    }

    /**
     * Kafka Streams reads the task's wall-clock time once per run over many records, so a run that
     * waited on the model can end with that time a linger behind: records that arrived in it have not
     * waited a linger, and a burst's batches must not be drained for it.
     */
    @Test
    void shouldTimeTheLingerByItsOwnClockNotByTheTasksWallClockTime() throws Exception {
        firstBatchFinished(3, Duration.ofSeconds(1));
        send(pair("p3", "a boot", new byte[] {4}));

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertEquals(List.of(3), model.imageBatchSizes(), "p3 waited no time by the clock, so it was not embedded alone");

        clock.advance(driver, Duration.ofSeconds(1));
        assertEquals(List.of(3, 1), model.imageBatchSizes());
        assertEquals(List.of("p0", "p1", "p2", "p3"), ids(embedded.readValuesToList()));
    }

    @Test
    void shouldDeadLetterUndecodableBytesWithTheOriginalBytesAndGoOn() {
        byte[] garbage = {7, 7, 7, 7, 7, 7};
        raw.pipeInput("k".getBytes(StandardCharsets.UTF_8), garbage);
        send(pair("p0", "a boot", new byte[] {1}));
        clock.advance(driver, Duration.ofSeconds(1));

        DeadLetter letter = deadLetters.readValue();
        assertEquals("decode", letter.getStage());
        assertEquals(ByteBuffer.wrap(garbage), letter.getOriginalValue());
        assertEquals(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)), letter.getOriginalKey());
        assertEquals("pairs.raw", letter.getTopic());
        assertEquals(0L, letter.getOffset());
        assertTrue(letter.getErrorMessage().contains("magic byte"), letter.getErrorMessage());
        assertEquals(List.of("p0|hashing-test-model@1|16,16"), embedded.readValuesToList());
    }

    @Test
    void shouldDeadLetterAnInvalidPairNamingEveryProblem() {
        send(pair("p0", " ", null));

        DeadLetter letter = deadLetters.readValue();
        assertEquals("validate", letter.getStage());
        assertTrue(letter.getErrorMessage().contains("caption is empty") && letter.getErrorMessage().contains("image is missing"), letter.getErrorMessage());
    }

    @Test
    void shouldDeadLetterOnlyTheItemTheModelRejects() {
        send(pair("good-1", "a boot", new byte[] {1}));
        send(pair("bad", "a bag", new byte[] {'X', 1}));
        send(pair("good-2", "a shirt", new byte[] {2}));

        assertEquals(List.of("good-1", "good-2"), embedded.readValuesToList().stream().map(v -> v.split("\\|")[0]).toList());
        DeadLetter letter = deadLetters.readValue();
        assertEquals("embed", letter.getStage());
        assertEquals(1L, letter.getOffset());
        assertTrue(letter.getErrorMessage().contains("UNDECODABLE_IMAGE"), letter.getErrorMessage());
    }

    @Test
    void shouldChangelogEveryBufferedRecordAndItsRemovalSoARestoreRebuildsTheBuffer() {
        TestOutputTopic<Long, byte[]> changelog = driver.createOutputTopic("ingest-embed-test-embed-buffer-changelog",
                new LongDeserializer(), new ByteArrayDeserializer());

        send(pair("p0", "a boot", new byte[] {1}));
        send(pair("p1", "a bag", new byte[] {2}));
        List<KeyValue<Long, byte[]>> buffered = changelog.readKeyValuesToList();
        assertEquals(List.of(0L, 1L), buffered.stream().map(kv -> kv.key).toList());
        SourceRecord second = new SourceRecordSerde().deserializer().deserialize("", buffered.get(1).value);
        assertEquals("p1", new String(second.key(), StandardCharsets.UTF_8));
        assertEquals(1L, second.offset());

        send(pair("p2", "a shirt", new byte[] {3}));

        Map<Long, byte[]> lastWrite = new HashMap<>();
        changelog.readKeyValuesToList().forEach(kv -> lastWrite.put(kv.key, kv.value));
        assertEquals(Set.of(0L, 1L, 2L), lastWrite.keySet());
        assertTrue(lastWrite.values().stream().allMatch(Objects::isNull), "after a drain every buffered offset ends in a tombstone");
    }

    @Test
    void shouldEmbedWhatARestoredBufferHoldsExactlyOnce() {
        KeyValueStore<Long, io.pairstream.topology.ingest.SourceRecord> store = driver.getKeyValueStore("embed-buffer");
        for (int i = 0; i < 2; i++) {
            ImageTextPair restored = pair("restored-" + i, "a coat", new byte[] {(byte) (5 + i)});
            store.put((long) i, new SourceRecord(restored.getId().getBytes(StandardCharsets.UTF_8),
                    pairSerializer.serialize("pairs.raw", restored), Map.of(), "pairs.raw", 0, i, START.toEpochMilli()));
        }

        clock.advance(driver, Duration.ofSeconds(1));
        clock.advance(driver, Duration.ofSeconds(1));

        assertEquals(List.of("restored-0", "restored-1"), embedded.readValuesToList().stream().map(v -> v.split("\\|")[0]).toList());
        assertEquals(0, store.approximateNumEntries());
    }
}
