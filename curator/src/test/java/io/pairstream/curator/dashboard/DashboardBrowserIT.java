package io.pairstream.curator.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pairstream.curator.config.FeedSettings;
import io.pairstream.curator.embedded.EmbeddedPlatform;
import io.pairstream.curator.observe.Health;
import io.pairstream.curator.observe.ObservabilityServer;
import io.pairstream.schemas.records.Distribution;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import io.pairstream.schemas.serde.AvroSerializer;
import io.pairstream.topology.config.TopicNames;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: real quality windows and positive pairs (with Fashion-MNIST
 * images) on the embedded broker, read by the {@link QualityFeed}, served by the observability
 * endpoint and rendered by headless Chromium. Skipped where Debian's {@code chromium} is missing.
 */
class DashboardBrowserIT {

    private static final int WINDOWS = 6;
    private static final List<String> IMAGES = List.of("fashion-bag.png", "fashion-trouser.png", "fashion-sneaker.png", "fashion-ankle-boot.png");
    private static final List<String> LABELS = List.of("Bag", "Trouser", "Sneaker", "Ankle boot");

    @TempDir
    Path dir;

    @Test
    void shouldRenderChartsWithDataAndAGalleryOfImages() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install -y chromium)");

        try (EmbeddedPlatform platform = EmbeddedPlatform.start(dir.resolve("platform"));
             SchemaRegistryClient registry = SchemaRegistryClients.create(Map.of("schema.registry.url", platform.schemaRegistryUrl()))) {
            TopicNames topics = TopicNames.defaults();
            platform.ensureCurationTopics(topics);
            produce(platform, topics);

            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (QualityFeed feed = QualityFeed.start(Map.of("bootstrap.servers", platform.bootstrapServers()), registry,
                    topics.qualityMetrics(), topics.positivePairs(), new FeedSettings(100, 12));
                 ObservabilityServer server = ObservabilityServer.start("127.0.0.1", 0, metrics, () -> new Health(true, true, "test"),
                         Dashboard.routes(feed))) {
                QualityGauges.bind(metrics, feed);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while ((feed.windows().size() < WINDOWS || feed.pairs().size() < IMAGES.size()) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(WINDOWS, feed.windows().size());

                String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(scrape.contains("pairstream_quality_label_agreement 0.75"), "the latest window's figures are gauges");
                assertTrue(scrape.contains("pairstream_quality_store_size 600"), scrape.lines().filter(l -> l.contains("store")).toList().toString());

                String dom = browse(chromium.get(), server.url() + "/", "--dump-dom");
                assertTrue(dom.contains("data-loaded=\"true\""), "the page fetched its data");
                Matcher charts = Pattern.compile("<svg[^>]*class=\"chart\"[^>]*data-points=\"(\\d+)\"").matcher(dom);
                List<Integer> points = new ArrayList<>();
                while (charts.find()) {
                    points.add(Integer.parseInt(charts.group(1)));
                }
                assertEquals(8, points.size(), "every chart is on the page");
                assertTrue(points.stream().allMatch(p -> p >= WINDOWS), "every chart drew a point per window: " + points);
                long images = Pattern.compile("<img class=\"thumb\"[^>]*src=\"data:image/png;base64,").matcher(dom).results().count();
                assertEquals(2L * IMAGES.size(), images, "the gallery shows both images of each pair");
                assertTrue(dom.contains("a photo of trousers"), "captions are shown");

                Path screenshot = Path.of("target", "dashboard-screenshot.png").toAbsolutePath();
                Files.deleteIfExists(screenshot);
                browse(chromium.get(), server.url() + "/", "--screenshot=" + screenshot, "--window-size=1400,1500");
                assertTrue(Files.size(screenshot) > 10_000, "a screenshot with content was saved to " + screenshot);
            }
        }
    }

    private static void produce(EmbeddedPlatform platform, TopicNames topics) throws Exception {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of("schema.registry.url", platform.schemaRegistryUrl()), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of("bootstrap.servers", platform.bootstrapServers()),
                new StringSerializer(), values)) {
            Instant start = Instant.now().minusSeconds(60);
            for (int i = 0; i < WINDOWS; i++) {
                producer.send(new ProducerRecord<>(topics.qualityMetrics(), "0", window(start.plusSeconds(10L * i), i)));
            }
            for (int i = 0; i < IMAGES.size(); i++) {
                producer.send(new ProducerRecord<>(topics.positivePairs(), "a" + i, pair(i)));
            }
            producer.flush();
        }
    }

    private static PairQualityWindow window(Instant start, int i) {
        return PairQualityWindow.newBuilder()
                .setWindowStart(start).setWindowEnd(start.plusSeconds(10)).setPartition(0).setModelVersion("pairstream-mini-clip@test")
                .setRecordsIn(100 + 10L * i).setStored(95 + 10L * i).setRejected(3).setDeadLettered(1).setPositivesOut(180 + 5L * i)
                .setPositivesPerAnchor(1.8f + 0.05f * i)
                .setTextSimilarity(distribution(0.80f + 0.01f * i)).setImageSimilarity(distribution(0.60f)).setCrossSimilarity(distribution(0.30f))
                .setAlignment(distribution(0.28f))
                .setLabelAgreement(0.70f + 0.01f * i).setLabelledPairs(180).setDiversity(0.40f - 0.01f * i).setNearDuplicateRate(0.02f)
                .setMismatchRate(0.03f).setStoreSize(100L * (i + 1)).setIngestToEmitMillis(new Distribution(100L, 40f, 20f, 35f, 80f, 120f + i))
                .build();
    }

    private static Distribution distribution(float median) {
        return new Distribution(100L, median, median - 0.1f, median, median + 0.1f, median + 0.15f);
    }

    private static PositivePair pair(int i) throws IOException {
        int j = (i + 1) % IMAGES.size();
        Instant now = Instant.now();
        return PositivePair.newBuilder().setAnchorId("fashion-mnist/test/" + i).setPositiveId("fashion-mnist/test/" + j)
                .setStrategy(PairStrategy.TEXT_GUIDED).setRank(1).setTextSimilarity(0.9f).setImageSimilarity(0.6f).setCrossSimilarity(0.3f)
                .setSimilarityPercentile(75f).setModelVersion("pairstream-mini-clip@test").setFalseNegativeHints(List.of())
                .setAnchorCaption(i == 1 ? "a photo of trousers" : "a photo of " + LABELS.get(i).toLowerCase()).setPositiveCaption("a photo of " + LABELS.get(j).toLowerCase())
                .setAnchorLabel(LABELS.get(i)).setPositiveLabel(LABELS.get(j)).setAnchorSource("fashion-mnist").setPositiveSource("fashion-mnist")
                .setAnchorImage(ByteBuffer.wrap(fixture(IMAGES.get(i)))).setPositiveImage(ByteBuffer.wrap(fixture(IMAGES.get(j))))
                .setAnchorEventTime(now).setEmittedAt(now).build();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = DashboardBrowserIT.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Runs headless Chromium on {@code url}; returns what it printed (the DOM for {@code --dump-dom}). */
    private String browse(Path chromium, String url, String... action) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--virtual-time-budget=8000"));
        command.addAll(List.of(action));
        command.add(url);
        Path output = Files.createTempFile(dir, "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static Optional<Path> chromium() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .flatMap(directory -> Stream.of(Path.of(directory, "chromium"), Path.of(directory, "chromium-browser")))
                .filter(Files::isExecutable).findFirst();
    }
}
