package io.pairstream.curator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.curator.dataset.BundledSample;
import io.pairstream.curator.dataset.FashionCaptions;
import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.embedded.EmbeddedPlatform;
import io.pairstream.curator.ingest.PairPublisher;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.ingest.RawSample;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.topology.CurationTopology;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.QualitySettings;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.config.TopicNames;
import io.pairstream.topology.model.ClipModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curation pipeline end to end: the embedded broker and registry, real Avro bytes, the real
 * mini-CLIP, Fashion-MNIST test images with captions, 10% of them deliberately mismatched, plus
 * records that cannot be curated. Checks the pairs' label agreement against random pairs, the
 * precision and recall of mismatch rejection, and that every input record ends in exactly one of
 * stored, rejected or dead-lettered. Prints its figures (also to target/curation-figures.txt).
 */
class CurationPipelineIT {

    private static final int SAMPLES = 2_000;
    private static final double NOISE = 0.1;
    private static final long SEED = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path directory;

    @Test
    void shouldCurateFashionMnistIntoConsistentPairsAndRejectMismatches() throws Exception {
        // Debian's full test split when installed (.ci/run installs it), else the 1,000 images bundled for the demo.
        Path fashion = Files.isDirectory(FashionMnist.DEBIAN_DIRECTORY) ? FashionMnist.DEBIAN_DIRECTORY
                : BundledSample.extractTo(directory.resolve("sample")).fashionMnist();
        List<RawSample> all = PairSources.readAll(PairSources.fashionMnist(fashion, FashionMnist.Split.TEST));
        List<RawSample> samples = all.subList(0, Math.min(SAMPLES, all.size()));
        Random random = new Random(SEED);
        Set<String> injected = new HashSet<>();
        List<RawSample> stream = new ArrayList<>();
        for (RawSample sample : samples) {
            if (random.nextDouble() < NOISE) {
                injected.add(sample.id());
                stream.add(sample.withCaption(FashionCaptions.ofAnotherClass(FashionMnist.CLASS_NAMES.indexOf(sample.label()), random)));
            } else {
                stream.add(sample);
            }
        }
        TopicNames topics = TopicNames.defaults();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(directory.resolve("platform"));
             ClipModel model = MiniClip.loadDefault()) {
            String bootstrap = platform.bootstrapServers();
            Map<String, Object> serde = Map.of("schema.registry.url", platform.schemaRegistryUrl());
            platform.ensureCurationTopics(topics);
            Map<String, Object> settings = Map.of(SelectionSettings.STRATEGIES_CONFIG, "text,image,fused",
                    QualitySettings.WINDOW_MS_CONFIG, 1_000L, QualitySettings.RECALL_SAMPLE_EVERY_CONFIG, 20);
            int bad = publish(bootstrap, serde, topics.rawPairs(), stream);
            int total = stream.size() + bad;

            try (CurationPipeline pipeline = CurationPipeline.start(
                    CurationPipeline.streamsProperties(directory.resolve("state"),
                            Map.of("bootstrap.servers", bootstrap, StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)),
                    CurationConfig.of(settings), model, serde);
                 TopicReader<PositivePair> positives = reader(bootstrap, topics.positivePairs(), PositivePair.class, serde);
                 TopicReader<RejectedPair> rejected = reader(bootstrap, topics.rejectedPairs(), RejectedPair.class, serde);
                 TopicReader<DeadLetter> deadLetters = reader(bootstrap, topics.deadLetters(), DeadLetter.class, serde);
                 TopicReader<PairQualityWindow> windows = reader(bootstrap, topics.qualityMetrics(), PairQualityWindow.class, serde);
                 TopicReader<byte[]> storeChangelog = new TopicReader<>(bootstrap,
                         CurationPipeline.DEFAULT_APPLICATION_ID + "-" + CurationTopology.VECTOR_STORE + "-changelog",
                         new ByteArrayDeserializer())) {
                assertTrue(pipeline.awaitRunning(Duration.ofMinutes(2)), "the pipeline started");
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                long accounted = 0;
                while (accounted < total && System.nanoTime() < deadline) {
                    accounted = windows.poll().stream().mapToLong(w -> w.getStored() + w.getRejected() + w.getDeadLettered()).sum();
                }
                assertEquals(total, accounted, "every record is stored, rejected or dead-lettered before the timeout");
                positives.poll();
                rejected.poll();
                deadLetters.poll();
                storeChangelog.poll();
                Figures figures = Figures.of(stream, injected, positives.poll(), rejected.poll(), windows.poll());
                figures.print(directory.getParent() == null ? Path.of("target") : Path.of("target"));

                Set<String> storedIds = new HashSet<>();
                storeChangelog.keys().forEach(key -> {
                    if (key[0] == 'I') {
                        storedIds.add(new String(key, 1, key.length - 1, StandardCharsets.UTF_8));
                    }
                });
                Set<String> rejectedIds = new HashSet<>();
                rejected.poll().forEach(r -> rejectedIds.add(r.getPairId()));
                assertEquals(bad, deadLetters.poll().size());
                assertEquals(rejected.poll().size(), rejectedIds.size(), "each rejected once");
                Set<String> overlap = new HashSet<>(storedIds);
                overlap.retainAll(rejectedIds);
                assertTrue(overlap.isEmpty(), "stored and rejected: " + overlap);
                assertEquals(stream.size(), storedIds.size() + rejectedIds.size(), "every valid pair stored or rejected");
                assertEquals(total, windows.poll().stream().mapToLong(PairQualityWindow::getRecordsIn).sum());

                assertTrue(figures.agreement(PairStrategy.TEXT_GUIDED) >= 0.8, figures.toString());
                assertTrue(figures.agreement(PairStrategy.IMAGE_GUIDED) >= 0.8, figures.toString());
                assertTrue(figures.randomAgreement() < 0.15, figures.toString());
                assertTrue(figures.precision() >= 0.85 && figures.recall() >= 0.85, figures.toString());
            }
        }
    }

    /**
     * Publishes the stream's pairs, event times a second apart, then three that cannot be curated: an
     * undecodable record, a pair with an empty caption, and one whose image is not an image. Returns 3.
     */
    private static int publish(String bootstrap, Map<String, Object> serde, String topic, List<RawSample> stream) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<RawSample> uncuratable = List.of(
                new RawSample("blank-caption", new byte[] {1}, " ", null, "it", start.toEpochMilli()),
                new RawSample("not-an-image", "plain text".getBytes(StandardCharsets.UTF_8), "a bag", null, "it", start.toEpochMilli()));
        try (PairPublisher publisher = new PairPublisher(Map.of("bootstrap.servers", bootstrap), serde, topic)) {
            for (int i = 0; i < stream.size(); i++) {
                publisher.send(stream.get(i), start.plusSeconds(i));
            }
            publisher.sendBytes("garbage".getBytes(StandardCharsets.UTF_8), new byte[] {9, 9, 9});
            uncuratable.forEach(sample -> publisher.send(sample, start));
        }
        return 1 + uncuratable.size();
    }

    private static <T extends SpecificRecord> TopicReader<T> reader(String bootstrap, String topic, Class<T> type,
                                                                      Map<String, Object> serde) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(null, type);
        deserializer.configure(serde, false);
        return new TopicReader<>(bootstrap, topic, deserializer);
    }


    /** The figures the test checks and prints. */
    private record Figures(int sampleCount, Map<PairStrategy, int[]> agreementCounts, double randomAgreement, int truePositives,
                           int rejectedCount, int injectedCount, int pairs, Map<String, Object> lastWindow) {

        static Figures of(List<RawSample> stream, Set<String> injected, List<PositivePair> positives,
                          List<RejectedPair> rejected, List<PairQualityWindow> windows) {
            Map<PairStrategy, int[]> counts = new HashMap<>();
            for (PositivePair pair : positives) {
                int[] c = counts.computeIfAbsent(pair.getStrategy(), s -> new int[2]);
                c[0] += pair.getAnchorLabel().equals(pair.getPositiveLabel()) ? 1 : 0;
                c[1]++;
            }
            Map<String, Integer> perLabel = new HashMap<>();
            stream.forEach(s -> perLabel.merge(s.label(), 1, Integer::sum));
            double random = perLabel.values().stream().mapToDouble(n -> Math.pow((double) n / stream.size(), 2)).sum();
            int truePositives = (int) rejected.stream().filter(r -> injected.contains(r.getPairId())).count();
            long stored = windows.stream().mapToLong(PairQualityWindow::getStored).sum();
            double diversity = windows.stream().mapToDouble(w -> w.getDiversity() * w.getPositivesOut()).sum() / positives.size();
            double recallSum = windows.stream().filter(w -> w.getEstimatedRecall() != null)
                    .mapToDouble(w -> w.getEstimatedRecall() * w.getRecallSampleSize()).sum();
            int recallQueries = windows.stream().mapToInt(PairQualityWindow::getRecallSampleSize).sum();
            Map<String, Object> lastWindow = Map.of(
                    "storeSize", windows.stream().mapToLong(PairQualityWindow::getStoreSize).max().orElse(0),
                    "positivesPerAnchor", String.format("%.2f", (double) positives.size() / stored),
                    "diversity", String.format("%.3f", diversity),
                    "estimatedRecall", String.format("%.3f over %d queries", recallSum / Math.max(1, recallQueries), recallQueries));
            return new Figures(stream.size(), counts, random, truePositives, rejected.size(), injected.size(), positives.size(), lastWindow);
        }

        double agreement(PairStrategy strategy) {
            int[] c = agreementCounts.getOrDefault(strategy, new int[2]);
            return c[1] == 0 ? 0 : (double) c[0] / c[1];
        }

        double precision() {
            return rejectedCount == 0 ? 0 : (double) truePositives / rejectedCount;
        }

        double recall() {
            return injectedCount == 0 ? 0 : (double) truePositives / injectedCount;
        }

        void print(Path targetDirectory) throws IOException {
            StringBuilder out = new StringBuilder("curation of " + sampleCount + " Fashion-MNIST test pairs (" + injectedCount
                    + " mismatched) with the mini-CLIP\n");
            for (PairStrategy strategy : List.of(PairStrategy.TEXT_GUIDED, PairStrategy.IMAGE_GUIDED, PairStrategy.FUSED_GUIDED)) {
                out.append(String.format("  %-13s label agreement %.3f over %d pairs%n", strategy, agreement(strategy),
                        agreementCounts.getOrDefault(strategy, new int[2])[1]));
            }
            out.append(String.format("  random pairs  label agreement %.3f%n", randomAgreement));
            out.append(String.format("  mismatch rejection: precision %.3f recall %.3f (%d rejected, %d injected)%n",
                    precision(), recall(), rejectedCount, injectedCount));
            out.append("  over all windows: ").append(lastWindow).append('\n');
            System.out.print(out);
            Files.createDirectories(targetDirectory);
            Files.writeString(targetDirectory.resolve("curation-figures.txt"), out);
        }
    }
}
