package io.pairstream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.schemas.records.RejectionReason;
import io.pairstream.schemas.registry.MockSchemaRegistry;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.schemas.serde.AvroSerializer;
import io.pairstream.topology.config.AlignmentSettings;
import io.pairstream.topology.config.BatchSettings;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.QualitySettings;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.model.ConceptClipModel;
import io.pairstream.topology.store.VectorStore;
import io.pairstream.topology.vector.VectorUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole curation topology through TopologyTestDriver, with a small model whose spaces agree. */
class CurationTopologyTest {

    private static final String SCOPE = "curation-topology-test";
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://" + SCOPE);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private final ConceptClipModel model = new ConceptClipModel();
    private final DriverClock clock = new DriverClock(START);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, PositivePair> positives;
    private TestOutputTopic<String, RejectedPair> rejected;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;
    private TestOutputTopic<String, PairQualityWindow> metrics;
    private AvroSerializer<ImageTextPair> pairSerializer;
    private int sent;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        MockSchemaRegistry.dropScope(SCOPE);
    }

    /**
     * Batch size 1, not pipelined, so each pair flows through at once; the rank test from 4 stored samples on; band
     * bounds for the test model, whose images of one concept are about 0.94 alike.
     */
    private void start(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                BatchSettings.SIZE_CONFIG, 1,
                BatchSettings.PIPELINED_CONFIG, false,
                AlignmentSettings.RANK_MIN_STORE_SIZE_CONFIG, 4,
                QualitySettings.RECALL_SAMPLE_EVERY_CONFIG, 1,
                SelectionSettings.MIN_SIMILARITY_PREFIX + "image", 0.8,
                SelectionSettings.MIN_SIMILARITY_PREFIX + "fused", 0.8,
                SelectionSettings.MAX_IMAGE_SIMILARITY_CONFIG, 0.98));
        settings.putAll(overrides);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "curation-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("run-" + System.nanoTime()).toString());
        driver = new TopologyTestDriver(CurationTopology.build(CurationConfig.of(settings), model, SERDE, clock), props, START);
        pairSerializer = new AvroSerializer<>();
        pairSerializer.configure(SERDE, false);
        raw = driver.createInputTopic("pairs.raw", new ByteArraySerializer(), new ByteArraySerializer());
        positives = driver.createOutputTopic("pairs.positive", new StringDeserializer(), deserializer(PositivePair.class));
        rejected = driver.createOutputTopic("pairs.rejected", new StringDeserializer(), deserializer(RejectedPair.class));
        deadLetters = driver.createOutputTopic("pairs.dlq", new ByteArrayDeserializer(), deserializer(DeadLetter.class));
        metrics = driver.createOutputTopic("curation.metrics", new StringDeserializer(), deserializer(PairQualityWindow.class));
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> AvroDeserializer<T> deserializer(Class<T> type) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(null, type);
        deserializer.configure(SERDE, false);
        return deserializer;
    }

    /** Sends a pair whose image is {@code concept:variant} (see ConceptClipModel). */
    private void send(String id, String image, String caption, String label, String source) {
        ImageTextPair pair = ImageTextPair.newBuilder().setId(id).setCaption(caption).setLabel(label).setSource(source)
                .setImage(ByteBuffer.wrap(image.getBytes(StandardCharsets.UTF_8)))
                .setEventTime(START.plusSeconds(sent++)).build();
        raw.pipeInput(id.getBytes(StandardCharsets.UTF_8), pairSerializer.serialize("pairs.raw", pair));
    }

    private void send(String id, String image, String caption) {
        send(id, image, caption, image.split(":")[0], "test");
    }

    @Test
    void shouldPairASampleOnlyWithEarlierSamplesByTextAndByImage() {
        start(Map.of());
        send("cat-1", "cat:1", "a photo of a cat");
        assertTrue(positives.isEmpty(), "the first sample has no earlier neighbour");

        send("cat-2", "cat:2", "a cat");

        Map<PairStrategy, PositivePair> byStrategy = positives.readValuesToList().stream()
                .collect(Collectors.toMap(PositivePair::getStrategy, Function.identity()));
        assertEquals(List.of(PairStrategy.TEXT_GUIDED, PairStrategy.IMAGE_GUIDED).stream().sorted().toList(),
                byStrategy.keySet().stream().sorted().toList());
        PositivePair text = byStrategy.get(PairStrategy.TEXT_GUIDED);
        assertEquals("cat-2", text.getAnchorId());
        assertEquals("cat-1", text.getPositiveId());
        assertEquals(1, text.getRank());
        assertEquals("a cat", text.getAnchorCaption());
        assertEquals("a photo of a cat", text.getPositiveCaption());
        assertEquals("cat", text.getPositiveLabel());
        assertEquals(ByteBuffer.wrap("cat:1".getBytes(StandardCharsets.UTF_8)), text.getPositiveImage());
        assertEquals(ByteBuffer.wrap("cat:2".getBytes(StandardCharsets.UTF_8)), text.getAnchorImage());
        assertEquals(List.of("cat-1"), text.getFalseNegativeHints());
        assertEquals(model.version(), text.getModelVersion());
        assertTrue(text.getTextSimilarity() > 0.9f && text.getImageSimilarity() > 0.8f && text.getImageSimilarity() < 0.98f,
                text.toString());
        assertTrue(text.getCrossSimilarity() > 0.8f, text.toString());
    }

    @Test
    void shouldChooseTheMostSimilarStoredSampleAndHintTheOthers() {
        start(Map.of(SelectionSettings.STRATEGIES_CONFIG, "text"));
        send("dog-1", "dog:1", "a dog");
        send("cat-1", "cat:1", "a cat");
        send("dog-2", "dog:2", "a small dog");
        positives.readValuesToList();

        send("dog-3", "dog:3", "a photo of a dog");

        List<PositivePair> pairs = positives.readValuesToList();
        assertEquals(1, pairs.size());
        assertEquals("dog", pairs.get(0).getPositiveLabel());
        assertEquals("cat-1", pairs.get(0).getFalseNegativeHints().get(2), "least similar hint last");
    }

    @Test
    void shouldRejectMismatchedPairsWithTheirScoresAndNeverStoreThem() {
        start(Map.of(AlignmentSettings.MIN_SCORE_CONFIG, 0.5));
        for (int i = 0; i < 4; i++) {
            send("cat-" + i, "cat:" + i, "a photo of a cat");
        }
        positives.readValuesToList();

        send("wrong", "cat:9", "a dog");
        send("half", "cat:8", "a cat and a dog");

        List<RejectedPair> rejections = rejected.readValuesToList();
        assertEquals(2, rejections.size());
        RejectedPair wrong = rejections.get(0);
        assertEquals("wrong", wrong.getPairId());
        assertEquals(RejectionReason.LOW_ALIGNMENT, wrong.getReason());
        assertTrue(wrong.getAlignmentScore() < wrong.getAlignmentThreshold(), wrong.toString());
        RejectedPair half = rejections.get(1);
        assertEquals(RejectionReason.CAPTION_NOT_IN_TOP_K, half.getReason());
        assertEquals(5, half.getCaptionRank(), "all four stored captions beat its own");
        assertTrue(half.getDetail().contains("better than its own"), half.getDetail());
        assertTrue(positives.isEmpty(), "a rejected pair is never an anchor");
        VectorStore store = (VectorStore) driver.getStateStore(CurationTopology.VECTOR_STORE);
        assertEquals(4, store.count(), "nor stored");
    }

    @Test
    void shouldRankARejectedCaptionAmongEveryStoredCaptionThatBeatsItEvenByLessThanTheMargin() {
        // Rivals are searched above the pair's cosine plus the margin; the rank also counts those below.
        double margin = 0.065;
        start(Map.of(AlignmentSettings.RANK_MIN_STORE_SIZE_CONFIG, 9, AlignmentSettings.RANK_MARGIN_CONFIG, margin));
        List<String> captions = List.of("a photo of a cat", "a cat", "the cat", "a small cat", "a cat and a dog",
                "the cat and the dog", "a picture of a cat and a dog", "a small cat and a dog", "cat and dog");
        for (int i = 0; i < captions.size(); i++) {
            send("stored-" + i, "cat:" + i, captions.get(i));
        }
        assertTrue(rejected.isEmpty(), "accepted on the cosine alone while the store is small");

        send("half", "cat:99", "a cat and a dog, again");

        List<RejectedPair> rejections = rejected.readValuesToList();
        assertEquals(1, rejections.size());
        RejectedPair half = rejections.get(0);
        assertEquals(RejectionReason.CAPTION_NOT_IN_TOP_K, half.getReason());
        float[] image = model.embedImages(List.of("cat:99".getBytes(StandardCharsets.UTF_8))).get(0).vector();
        float own = half.getAlignmentScore();
        List<Float> beating = model.embedTexts(captions).stream()
                .map(embedding -> VectorUtil.dotProduct(image, embedding.vector())).filter(score -> score > own).toList();
        assertTrue(beating.stream().anyMatch(score -> score <= own + margin), beating + " over " + own);
        assertTrue(beating.stream().anyMatch(score -> score > own + margin), beating + " over " + own);
        assertEquals(beating.size() + 1, half.getCaptionRank(), half.toString());
    }

    @Test
    void shouldSkipNearDuplicatesAndTheSameSampleSentAgain() {
        start(Map.of(SelectionSettings.STRATEGIES_CONFIG, "image"));
        send("cat-1", "cat:1", "a cat", "cat", "site-a");
        send("cat-1-again", "cat:1", "a cat", "cat", "site-a");
        send("cat-1-elsewhere", "cat:1", "a cat", "cat", "site-b");
        assertTrue(positives.isEmpty(), "identical images are near-duplicates, whatever their source");

        send("cat-2", "cat:2", "a cat", "cat", "site-a");
        assertEquals(1, positives.readValuesToList().size(), "a different cat is a positive");
    }

    @Test
    void shouldCapHowOftenOneStoredSampleIsChosen() {
        start(Map.of(SelectionSettings.STRATEGIES_CONFIG, "text", SelectionSettings.HUBNESS_CAP_CONFIG, 1));
        for (int i = 0; i < 6; i++) {
            send("cat-" + i, "cat:" + i, "a cat");
        }
        Map<String, Long> uses = positives.readValuesToList().stream()
                .collect(Collectors.groupingBy(PositivePair::getPositiveId, Collectors.counting()));
        assertEquals(5, uses.values().stream().mapToLong(Long::longValue).sum(), "every anchor after the first found one");
        assertTrue(uses.values().stream().allMatch(count -> count == 1), uses.toString());
    }

    @Test
    void shouldChooseTheSamePairsWhenTheSameInputIsReplayed() {
        List<String> first = runMixedStream(Map.of());
        driver.close();
        MockSchemaRegistry.dropScope(SCOPE);
        sent = 0;
        List<String> replay = runMixedStream(Map.of());
        assertEquals(first, replay);
    }

    @Test
    void shouldDecideAsPairByPairWhenABatchIsSearchedAtOnce() {
        List<String> oneByOne = runMixedStream(Map.of());
        driver.close();
        MockSchemaRegistry.dropScope(SCOPE);
        sent = 0;
        // Batches of 7, searched together: a pair must still see the pairs before it in its own batch.
        List<String> batched = runMixedStream(Map.of(BatchSettings.SIZE_CONFIG, 7, BatchSettings.PIPELINED_CONFIG, true));
        assertEquals(oneByOne, batched);
        assertTrue(oneByOne.stream().anyMatch(outcome -> outcome.startsWith("rejected")), "the stream has mismatches");
    }

    /** Thirty pairs of three concepts, two of them mismatched; their positives and rejections in order. */
    private List<String> runMixedStream(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(Map.of(SelectionSettings.STRATEGIES_CONFIG, "text,image,fused",
                SelectionSettings.POSITIVES_CONFIG, 2));
        settings.putAll(overrides);
        start(settings);
        String[] concepts = {"cat", "dog", "boot"};
        for (int i = 0; i < 30; i++) {
            String concept = concepts[i % 3];
            String caption = i == 12 || i == 25 ? "a " + concepts[(i + 1) % 3] : (i % 2 == 0 ? "a photo of a " : "a ") + concept;
            send(concept + "-" + i, concept + ":" + i, caption);
        }
        clock.advance(driver, Duration.ofSeconds(1));
        List<String> outcomes = new ArrayList<>(positives.readValuesToList().stream()
                .map(p -> p.getAnchorId() + ">" + p.getPositiveId() + ":" + p.getStrategy() + "#" + p.getRank()).toList());
        rejected.readValuesToList().forEach(r -> outcomes.add("rejected " + r.getPairId() + " " + r.getReason()));
        return outcomes;
    }

    @Test
    void shouldReportEachWindowsFiguresAndAccountForEveryRecord() {
        start(Map.of());
        for (int i = 0; i < 6; i++) {
            send("cat-" + i, "cat:" + i, "a photo of a cat");
        }
        send("wrong", "cat:9", "a dog");
        send("unreadable", "no image bytes", "a cat");
        raw.pipeInput("garbage".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});

        clock.advance(driver, Duration.ofSeconds(10));

        PairQualityWindow window = metrics.readValue();
        assertEquals(9, window.getRecordsIn());
        assertEquals(6, window.getStored());
        assertEquals(1, window.getRejected());
        assertEquals(2, window.getDeadLettered());
        assertEquals(window.getRecordsIn(), window.getStored() + window.getRejected() + window.getDeadLettered());
        assertEquals(10, window.getPositivesOut(), "five anchors, two strategies each");
        assertEquals(10f / 6, window.getPositivesPerAnchor(), 1e-6f);
        assertEquals(1f, window.getLabelAgreement());
        assertEquals(10, window.getLabelledPairs());
        assertEquals(1f / 7, window.getMismatchRate(), 1e-6f);
        assertEquals(6, window.getStoreSize());
        assertEquals(7, window.getAlignment().getCount());
        assertTrue(window.getDiversity() > 0f && window.getDiversity() < 0.2f, "cats are alike: " + window.getDiversity());
        assertEquals(1f, window.getEstimatedRecall(), "a small store is searched exhaustively");
        assertEquals(5, window.getRecallSampleSize());
        assertEquals(10, window.getIngestToEmitMillis().getCount());
        assertEquals(model.version(), window.getModelVersion());
        assertEquals(2, deadLetters.readValuesToList().size());

        clock.advance(driver, Duration.ofSeconds(10));
        assertTrue(metrics.isEmpty(), "a window that saw nothing is not written");
    }

    @Test
    void shouldCarryNoImagesWhenInlineImagesAreOff() {
        start(Map.of(SelectionSettings.INLINE_IMAGES_CONFIG, false));
        send("cat-1", "cat:1", "a cat");
        send("cat-2", "cat:2", "a cat");
        PositivePair pair = positives.readValuesToList().get(0);
        assertNull(pair.getAnchorImage());
        assertNull(pair.getPositiveImage());
        assertNotNull(pair.getPositiveCaption());
    }
}
