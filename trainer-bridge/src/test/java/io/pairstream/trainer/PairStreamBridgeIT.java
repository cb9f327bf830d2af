package io.pairstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pairstream.schemas.Topic;
import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.TrainingMetrics;
import io.pairstream.schemas.registry.server.EmbeddedSchemaRegistry;
import io.pairstream.schemas.registry.server.KafkaSchemaJournal;
import io.pairstream.schemas.serde.AvroSerdes;
import io.pairstream.trainer.batch.ImageFormat;
import io.pairstream.trainer.checkpoint.Checkpoint;
import io.pairstream.trainer.checkpoint.CheckpointStore;
import io.pairstream.trainer.config.BridgeSettings;
import io.pairstream.trainer.config.PositiveGuidance;
import io.pairstream.trainer.config.TrainingSettings;
import io.pairstream.trainer.config.TrainingStrategy;
import io.pairstream.trainer.eval.LinearProbe;
import io.pairstream.trainer.eval.ProbeImage;
import io.pairstream.trainer.metrics.KafkaMetricsSink;
import io.pairstream.trainer.metrics.TrainerMeters;
import io.pairstream.trainer.source.KafkaPairSource;
import io.pairstream.trainer.train.OnlineTrainer;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge on a real broker: realistic pairs (Fashion-MNIST images where the data set is
 * installed, drawn shapes elsewhere) on a two-partition topic, a few hundred steps from the live
 * stream, a crash and a resume.
 */
class PairStreamBridgeIT {

    private static final int PAIRS = 3200;
    private static final int BATCH = 16;
    private static final long CRASH_AT = 90;
    private static final String GROUP = "trainer-it";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static List<ProbeImage> probeImages;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        registry = EmbeddedSchemaRegistry.startOnKafka(Map.of("bootstrap.servers", broker.bootstrapServers()),
                KafkaSchemaJournal.DEFAULT_TOPIC, (short) 1, "127.0.0.1", 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topic.POSITIVE_PAIRS.defaultName(), 2, (short) 1),
                    new NewTopic(Topic.TRAINING_METRICS.defaultName(), 1, (short) 1))).all().get();
        }
        probeImages = produce();
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void shouldTrainFromTheLiveStreamAndResumeWhereTheCheckpointLeftOff() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        TrainingSettings training = TrainingSettings.defaults(TrainingStrategy.ADD_NEW_POSITIVE, PositiveGuidance.ANY).withBatchSize(BATCH);
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LinearProbe probe = LinearProbe.split(probeImages, 0.5);

        PairStreamBridge.RunSummary first = run(training, checkpoints, prometheus, null, CRASH_AT);
        Checkpoint atCrash = new CheckpointStore(checkpoints, 3).latest().orElseThrow();
        assertEquals(CRASH_AT, atCrash.step());
        assertEquals(atCrash.positions(), committedOffsets(), "offsets are committed with each checkpoint");

        // A new process after the crash: new trainer, new consumer, new meters.
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PairStreamBridge.RunSummary second = run(training, checkpoints, prometheus, probe, Long.MAX_VALUE);
        Checkpoint atEnd = new CheckpointStore(checkpoints, 3).latest().orElseThrow();

        assertEquals(CRASH_AT, second.firstStep(), "resumed at the checkpoint");
        assertTrue(second.lastStep() > 150, "a few hundred steps in all: " + second.lastStep());
        assertEquals(atEnd.positions(), committedOffsets());
        long consumed = atEnd.positions().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(consumed, second.pairsTrained() + second.pairsSkipped(), "every consumed pair counted once across the restart");
        assertEquals(second.lastStep() * BATCH, second.pairsTrained());
        assertTrue(PAIRS - consumed < BATCH * 2, "only the last partial batch is left: " + consumed);

        List<Float> losses = new ArrayList<>(first.losses());
        losses.addAll(second.losses());
        double early = losses.subList(0, 20).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        double late = losses.subList(losses.size() - 20, losses.size()).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        assertTrue(late < early - 0.2, "loss " + early + " -> " + late);
        assertTrue(second.probeAccuracy().orElseThrow() > 0.3, "probe " + second.probeAccuracy());

        List<TrainingMetrics> metrics = metricsRecords();
        assertFalse(metrics.isEmpty());
        assertEquals(second.lastStep(), metrics.get(metrics.size() - 1).getStep());
        assertTrue(metrics.get(metrics.size() - 1).getProbeAccuracy() != null);
        assertTrue(prometheus.scrape().contains("pairstream_trainer_steps_total"), prometheus.scrape());
    }

    @Test
    void shouldServeTheTopicContractToThePythonExampleConsumer() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import confluent_kafka").start().waitFor() == 0,
                "needs Debian's python3-confluent-kafka");
        Process consumer = new ProcessBuilder(python.toString(), "examples/consume_pairs.py", "--bootstrap", broker.bootstrapServers(),
                "--registry", registry.url(), "--max", "3", "--group", "python-it").redirectErrorStream(true).start();
        String output = new String(consumer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, consumer.waitFor(), output);
        List<String> lines = output.lines().filter(l -> l.contains(" anchor=s")).toList();
        assertEquals(3, lines.size(), output);
        assertTrue(lines.get(0).matches(".*strategy=(TEXT|IMAGE)_GUIDED .*hints=2 labels=\\d/\\d images=\\d+/\\d+ bytes"), output);
    }

    private static PairStreamBridge.RunSummary run(TrainingSettings training, Path checkpoints, PrometheusMeterRegistry prometheus,
                                                   LinearProbe probe, long maxSteps) {
        BridgeSettings bridge = new BridgeSettings("it", checkpoints, 1, 3, 0, 10, Duration.ofMillis(200), Duration.ofSeconds(3));
        Map<String, Object> clients = clients();
        try (OnlineTrainer trainer = new OnlineTrainer(training);
             KafkaPairSource source = new KafkaPairSource(clients, Topic.POSITIVE_PAIRS.defaultName(), BATCH);
             KafkaMetricsSink sink = new KafkaMetricsSink(clients, Topic.TRAINING_METRICS.defaultName())) {
            TrainerMeters meters = new TrainerMeters(prometheus, bridge.runId(), training.strategy().configName());
            return new PairStreamBridge(trainer, bridge, source, sink, meters, probe, Clock.systemUTC()).run(maxSteps);
        }
    }

    private static Map<String, Object> clients() {
        Map<String, Object> clients = new HashMap<>();
        clients.put("bootstrap.servers", broker.bootstrapServers());
        clients.put("schema.registry.url", registry.url());
        clients.put("group.id", GROUP);
        return clients;
    }

    private static Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static List<TrainingMetrics> metricsRecords() {
        Map<String, Object> props = clients();
        props.put("group.id", "metrics-reader");
        props.put("auto.offset.reset", "earliest");
        var values = AvroSerdes.specific(TrainingMetrics.class, props, false).deserializer();
        props.remove("schema.registry.url");
        List<TrainingMetrics> out = new ArrayList<>();
        try (KafkaConsumer<String, TrainingMetrics> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(Topic.TRAINING_METRICS.defaultName()));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
                if (!out.isEmpty() && out.get(out.size() - 1).getProbeAccuracy() != null) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Produces {@link #PAIRS} pairs as the curation would: the positive of the same class 90% of
     * the time, hints naming other samples of the anchor's class, percentiles spread evenly.
     * Returns labelled held-out images (not used in any pair) for the probe.
     */
    private static List<ProbeImage> produce() throws Exception {
        int samples = 1000;
        int heldOut = 600;
        List<BufferedImage> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        if (FashionMnistImages.available()) {
            for (FashionMnistImages.Labelled l : FashionMnistImages.read(samples + heldOut)) {
                images.add(l.image());
                labels.add(l.label());
            }
        } else {
            for (int i = 0; i < samples + heldOut; i++) {
                images.add(TestPairs.shape(i % 10, i));
                labels.add(i % 10);
            }
        }
        List<byte[]> pngs = images.stream().map(TestPairs::png).toList();
        Map<Integer, List<Integer>> byLabel = new HashMap<>();
        for (int i = 0; i < samples; i++) {
            byLabel.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(1);
        Map<String, Object> props = clients();
        var values = AvroSerdes.specific(PositivePair.class, props, false).serializer();
        props.remove("schema.registry.url");
        props.remove("group.id");
        try (KafkaProducer<String, PositivePair> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            for (int n = 0; n < PAIRS; n++) {
                int anchor = random.nextInt(samples);
                List<Integer> sameClass = byLabel.get(labels.get(anchor));
                int positive = random.nextDouble() < 0.9 ? sameClass.get(random.nextInt(sameClass.size())) : random.nextInt(samples);
                List<String> hints = List.of("s" + sameClass.get(random.nextInt(sameClass.size())),
                        "s" + sameClass.get(random.nextInt(sameClass.size())));
                PositivePair pair = TestPairs.pair("s" + anchor, "s" + positive, pngs.get(anchor), pngs.get(positive),
                        n % 2 == 0 ? PairStrategy.TEXT_GUIDED : PairStrategy.IMAGE_GUIDED, hints, (n * 37) % 100,
                        labels.get(anchor).toString(), labels.get(positive).toString());
                producer.send(new ProducerRecord<>(Topic.POSITIVE_PAIRS.defaultName(), pair.getAnchorId().toString(), pair));
            }
        }
        ImageFormat format = new ImageFormat(28, 1);
        List<ProbeImage> probe = new ArrayList<>();
        for (int i = samples; i < samples + heldOut; i++) {
            probe.add(ProbeImage.fromEncoded(pngs.get(i), labels.get(i), format));
        }
        return probe;
    }
}
