package io.pairstream.curator.demo;

import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.config.ServiceSettings;
import io.pairstream.curator.cpu.ModelPlacement;
import io.pairstream.curator.console.ProgressBar;
import io.pairstream.curator.dataset.BundledSample;
import io.pairstream.curator.dataset.FashionCaptions;
import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.embedded.PlatformConnection;
import io.pairstream.curator.ingest.PairPublisher;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.ingest.RawSample;
import io.pairstream.curator.model.InputLimits;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.curator.service.CurationService;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.TopicNames;
import io.pairstream.topology.model.ClipModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One demo run: the embedded broker and registry, the curation service with the mini-CLIP, real
 * captioned images streamed into {@code pairs.raw} (the bundled sample unless other directories are
 * given; a fraction of the Fashion-MNIST captions deliberately swapped for another class's, and one
 * undecodable record), a progress bar until every record is accounted for, then the summary and
 * the report. {@link #stop} ends it early and cleanly.
 */
public final class DemoRun {

    private static final long SEED = 7;

    private final ServiceConfig config;
    private final Path fashionDirectory;
    private final Path emojiDirectory;
    private final double mismatchFraction;
    private final int limitPerSource;
    private final Duration timeout;
    private final boolean keepRunning;
    private volatile boolean stopped;

    /**
     * @param fashionDirectory Fashion-MNIST IDX files (test split) or {@code null} for the bundled sample
     * @param emojiDirectory   the emoji package or {@code null} for the bundled sample
     * @param limitPerSource   the most pairs streamed from each data set
     */
    public DemoRun(ServiceConfig config, Path fashionDirectory, Path emojiDirectory, double mismatchFraction, int limitPerSource,
                   Duration timeout, boolean keepRunning) {
        this.config = config;
        this.fashionDirectory = fashionDirectory;
        this.emojiDirectory = emojiDirectory;
        this.mismatchFraction = mismatchFraction;
        this.limitPerSource = limitPerSource;
        this.timeout = timeout;
        this.keepRunning = keepRunning;
    }

    /** Asks a running demo to finish: what is done so far is summarised, then everything closes. */
    public void stop() {
        stopped = true;
    }

    /** Runs the demo; returns the exit status: 0 when every record was accounted for. */
    public int run(PrintStream out, PrintStream err) throws IOException {
        try {
            return runOrInterrupt(out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("pairstream demo: interrupted");
            return 1;
        }
    }

    /** The bundled mini-CLIP, placed as configured (model.dedicated.cores, model.others.nice). */
    private ClipModel loadModel() {
        ServiceSettings settings = ServiceSettings.of(config.settings());
        return ModelPlacement.load(settings.modelDedicatedCores(), settings.modelOthersNice(), settings.modelThreads(),
                () -> MiniClip.load(InputLimits.DEFAULT, settings.modelThreads()));
    }

    private int runOrInterrupt(PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Path dataDirectory = ServiceSettings.of(config.settings()).embeddedDataDirectory();
        BundledSample bundled = BundledSample.extractTo(dataDirectory.resolve("sample"));
        Set<String> injected = new HashSet<>();
        List<RawSample> samples = samples(bundled, injected);
        TopicNames topics = CurationConfig.of(config.settings()).topics();
        out.printf("Streaming %,d captioned images (%d captions deliberately mismatched) through pairstream.%n", samples.size(), injected.size());
        out.println("Starting the embedded Kafka broker and Schema Registry in " + dataDirectory.toAbsolutePath() + " ...");
        try (PlatformConnection platform = PlatformConnection.open(config);
             ClipModel model = loadModel();
             CurationService service = CurationService.start(platform.config(), model);
             DemoObserver observer = new DemoObserver(platform.config().kafka(), platform.config().registry(), topics)) {
            ServiceConfig connected = platform.config();
            out.println("Kafka broker:    " + connected.kafka().get("bootstrap.servers"));
            out.println("Schema Registry: " + connected.registry().get("schema.registry.url"));
            out.println("Model:           " + model.version());
            out.println("Dashboard:       " + service.url() + "/   (metrics: " + service.url() + "/metrics)");
            if (!service.pipeline().awaitRunning(Duration.ofMinutes(2))) {
                err.println("pairstream demo: the curation pipeline did not start: " + service.pipeline().streams().state());
                return 1;
            }
            long started = System.nanoTime();
            int uncuratable = publish(connected, topics.rawPairs(), samples);
            long total = samples.size() + uncuratable;
            try (ProgressBar progress = new ProgressBar(err, "curating", total, ProgressBar.stderrIsTerminal())) {
                long deadline = System.nanoTime() + timeout.toNanos();
                long accounted = 0;
                while (accounted < total && !stopped && System.nanoTime() < deadline && !platform.brokerFailed()
                        && service.pipeline().isRunning()) {
                    observer.poll();
                    long now = observer.accounted();
                    progress.step(now - accounted, observer.agreement().isEmpty() ? "" : "pairs flowing");
                    accounted = now;
                }
                if (accounted < total) {
                    err.println(stopReason(platform, service, stopped, accounted, total));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            observer.poll();
            DemoSummary summary = DemoSummary.of(samples, injected, uncuratable, observer, seconds);
            out.println();
            summary.print(out);
            Path report = DemoReport.write(dataDirectory.resolve("report"), summary, observer);
            out.println();
            out.println("Report: " + report.toAbsolutePath());
            if (keepRunning && !stopped) {
                out.println("Still running for the dashboard at " + service.url() + "/ ; Ctrl-C stops.");
                while (!stopped && service.pipeline().isRunning() && !platform.brokerFailed()) {
                    Thread.sleep(500);
                }
            }
            return observer.accounted() >= total ? 0 : 1;
        }
    }

    private static String stopReason(PlatformConnection platform, CurationService service, boolean stopped, long accounted, long total) {
        String reason = stopped ? "stopped on request"
                : platform.brokerFailed() ? "the embedded Kafka broker stopped unexpectedly (see its log)"
                : !service.pipeline().isRunning() ? "the curation pipeline stopped: " + service.pipeline().streams().state()
                : "timed out";
        return String.format("pairstream demo: %s with %,d of %,d records accounted for; the summary covers those.", reason, accounted, total);
    }

    /** Fashion-MNIST test images (some with a wrong caption), then emoji. */
    private List<RawSample> samples(BundledSample bundled, Set<String> injected) throws IOException {
        Random random = new Random(SEED);
        List<RawSample> samples = new ArrayList<>();
        Path fashion = fashionDirectory != null ? fashionDirectory : bundled.fashionMnist();
        List<RawSample> fashionSamples = PairSources.readAll(PairSources.fashionMnist(fashion, FashionMnist.Split.TEST));
        for (RawSample sample : fashionSamples.subList(0, Math.min(limitPerSource, fashionSamples.size()))) {
            if (random.nextDouble() < mismatchFraction) {
                injected.add(sample.id());
                samples.add(sample.withCaption(FashionCaptions.ofAnotherClass(FashionMnist.CLASS_NAMES.indexOf(sample.label()), random)));
            } else {
                samples.add(sample);
            }
        }
        List<RawSample> emoji = PairSources.readAll(PairSources.emoji(emojiDirectory != null ? emojiDirectory : bundled.emoji()));
        samples.addAll(emoji.subList(0, Math.min(limitPerSource, emoji.size())));
        return samples;
    }

    /** Sends every sample, event times a millisecond apart, then one record that is not Avro at all; returns 1. */
    private static int publish(ServiceConfig config, String topic, List<RawSample> samples) {
        Instant start = Instant.now();
        try (PairPublisher publisher = new PairPublisher(config.kafka(), config.registry(), topic)) {
            for (int i = 0; i < samples.size(); i++) {
                publisher.send(samples.get(i), start.plusMillis(i));
            }
            publisher.sendBytes(utf8("not-avro"), utf8("a record that is not Avro at all"));
        }
        return 1;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
