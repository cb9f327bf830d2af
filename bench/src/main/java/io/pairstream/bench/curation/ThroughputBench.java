package io.pairstream.bench.curation;

import io.pairstream.bench.store.StoreBenchmark;
import io.pairstream.curator.config.ServiceSettings;
import io.pairstream.curator.cpu.ModelPlacement;
import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.embedded.EmbeddedPlatform;
import io.pairstream.curator.ingest.PairPublisher;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.ingest.RawSample;
import io.pairstream.curator.model.InputLimits;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.curator.model.ModelThreads;
import io.pairstream.curator.pipeline.CurationPipeline;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.topology.config.AlignmentSettings;
import io.pairstream.topology.config.BatchSettings;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.QualitySettings;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.config.TopicNames;
import io.pairstream.topology.model.ClipModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * End-to-end throughput of the curation pipeline through the embedded broker, side by side in one
 * run: (a) the mini-CLIP alone, configured as the pipeline runs it (its threads leaving one core to
 * the stream), embedding the same pairs in batches of the pipeline's size, just before (b)'s burst
 * and again just after it, with (b)'s store filled and its pipeline idle, since this machine's
 * speed drifts over minutes, and (a') on all the
 * cores; (b) the pipeline with the mini-CLIP; (c) the pipeline with a zero-cost model (the
 * streaming machinery alone). Each pipeline first fills its vector store to the given size, then a burst of pairs
 * measures records/s, then pairs sent at half that rate measure ingest-to-emit latency (p50, p99).
 *
 * <p>With {@code i}, after (b)'s burst the model alone and the pipeline take turns in four rounds
 * of a quarter of the records each, and (a) once more at the end: the machine's speed drifts by
 * 10-20% within a minute, and the rounds weigh both sides with the same drift. (b) is also given
 * as its sustained rate, from the pipeline's full quality windows only (without its filling at
 * the start of a burst nor its draining at the end).
 *
 * <p>Usage: {@code ThroughputBench [store-size] [measured-records] [runs] [key=value ...]} (defaults
 * 100000, 20000 and {@code abc}: a burst of about a minute, so the second or so a burst takes to
 * fill the pipeline and to drain it, through the last one-second quality window, weighs little; e.g. {@code c} runs only the zero-cost pipeline, as for profiling
 * the machinery, {@code abi} the real model's burst and rounds); each {@code key=value} overrides a curation setting in both pipelines, e.g.
 * {@code vector.store.index.probes=16}, or, with the prefix {@code kafka.}, a Kafka Streams setting, e.g.
 * {@code kafka.commit.interval.ms=1000}.
 */
public final class ThroughputBench {

    /** The pipeline's batch size ({@code embed.batch.size}, its default unless overridden), which (a) embeds in too. */
    private static int batch;
    /** Overrides under this prefix go to Kafka Streams and its clients, as the service's kafka.* keys do. */
    private static final String KAFKA_PREFIX = "kafka.";
    private static final Duration TIMEOUT = Duration.ofMinutes(60);
    /** Windows come every second while records flow; this long without one, the pipeline has nothing left to do. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    /** How the pipelines place the model's threads: the service's defaults, or the overrides model.dedicated.cores and model.others.nice. */
    private static boolean dedicatedCores;
    private static int othersNice;
    /** Rounds of the model alone and the pipeline in turn after (b)'s burst (run {@code i}); 0 for none. */
    private static int interleavedRounds;
    private static final int ROUNDS = 4;

    /** The service setting {@code key}, taken out of the overrides, or its default. */
    private static String serviceSetting(Map<String, Object> overrides, String key) {
        Object value = overrides.remove(key);
        return String.valueOf(value != null ? value : ServiceSettings.CONFIG.defaultValues().get(key));
    }

    private ThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int storeSize = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String runs = args.length > 2 ? args[2] : "abc";
        Map<String, Object> overrides = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] keyValue = args[i].split("=", 2);
            overrides.put(keyValue[0], keyValue[1]);
        }
        if (!overrides.isEmpty()) {
            System.out.println("Curation settings overridden: " + overrides);
        }
        dedicatedCores = Boolean.parseBoolean(serviceSetting(overrides, ServiceSettings.MODEL_DEDICATED_CORES_CONFIG));
        othersNice = Integer.parseInt(serviceSetting(overrides, ServiceSettings.MODEL_OTHERS_NICE_CONFIG));
        interleavedRounds = runs.contains("i") ? ROUNDS : 0;
        batch = Integer.parseInt(String.valueOf(overrides.getOrDefault(BatchSettings.SIZE_CONFIG,
                CurationConfig.CONFIG.defaultValues().get(BatchSettings.SIZE_CONFIG))));
        List<RawSample> pool = new ArrayList<>(PairSources.readAll(PairSources.fashionMnist(FashionMnist.DEBIAN_DIRECTORY, FashionMnist.Split.TRAIN)));
        pool.addAll(PairSources.readAll(PairSources.fashionMnist(FashionMnist.DEBIAN_DIRECTORY, FashionMnist.Split.TEST)));
        System.out.printf(Locale.ROOT, "CPU cores %d; store %,d items, burst of %,d records, Fashion-MNIST pool of %,d images%n",
                Runtime.getRuntime().availableProcessors(), storeSize, measured, pool.size());
        if (runs.contains("a") || runs.contains("b")) {
            try (ClipModel mini = MiniClip.loadDefault()) {
                List<RawSample> aloneSamples = pool.subList(0, Math.min(pool.size(), measured));
                if (!runs.contains("b")) {
                    System.out.printf(Locale.ROOT, "(a) %s: %.1f records/s%n", A_DESCRIPTION.formatted(ModelThreads.leavingOneCore(), batch),
                            modelAlone(mini, aloneSamples));
                } else {
                    Result real = pipeline(mini, pool, storeSize, measured, aloneSamples, overrides);
                    double allCores = allCores(pool.subList(0, Math.min(pool.size(), measured)));
                    double bothSides = (real.aloneBefore + real.aloneAfter) / 2;
                    System.out.printf(Locale.ROOT, "(b) pipeline with the mini-CLIP: %s; %.2f of (a) (the mean of %.1f just before and %.1f "
                                    + "just after: %.2f and %.2f of each)%s%n", real, real.recordsPerSecond / bothSides, real.aloneBefore,
                            real.aloneAfter, real.recordsPerSecond / real.aloneBefore, real.recordsPerSecond / real.aloneAfter,
                            Double.isNaN(allCores) ? "" : String.format(Locale.ROOT, ", %.2f of (a')", real.recordsPerSecond / allCores));
                }
            }
        }
        if (runs.contains("c")) {
            try (ClipModel zero = new ZeroCostModel(384)) {
                Result machinery = pipeline(zero, pool, storeSize, measured, null, overrides);
                System.out.printf(Locale.ROOT, "(c) pipeline with a zero-cost model: %s%n", machinery);
            }
        }
    }

    /**
     * (a'): the mini-CLIP alone on all the cores, NaN on one core. It runs after (a) and (b): worker
     * pools it starts may outlive it (PyTorch's thread count is a setting of the whole process).
     */
    private static double allCores(List<RawSample> samples) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores <= ModelThreads.leavingOneCore()) {
            return Double.NaN;
        }
        try (ClipModel greedy = MiniClip.load(InputLimits.DEFAULT, cores)) {
            double allCores = modelAlone(greedy, samples);
            System.out.printf(Locale.ROOT, "(a') mini-CLIP alone on %d threads, all the cores: %.1f records/s%n", cores, allCores);
            return allCores;
        }
    }

    /** What (a) measures, given the model's threads and the batch size. */
    private static final String A_DESCRIPTION = "mini-CLIP alone as the pipeline runs it (%d thread(s), one core left to the stream), "
            + "batches of %d, image + caption";

    /** A pipeline's rate and latency, and the model's rate alone just before and just after its burst (NaN when not measured). */
    private record Result(double recordsPerSecond, double latencyP50, double latencyP99, double latencyRate, double aloneBefore,
                          double aloneAfter) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f records/s; at %.1f records/s ingest-to-emit latency p50 %.0f ms, p99 %.0f ms",
                    recordsPerSecond, latencyRate, latencyP50, latencyP99);
        }
    }

    /** {@link #modelAlone}, printed as {@code label}, while the filled pipeline waits for records. */
    private static double aloneBesideIdlePipeline(ClipModel model, List<RawSample> samples, String label, Optional<ModelPlacement> placement) {
        double alone = placement.map(p -> p.onModelThread(() -> modelAlone(model, samples))).orElseGet(() -> modelAlone(model, samples));
        System.out.printf(Locale.ROOT, "%s %s, %sbeside the idle pipeline: %.1f records/s%n", label,
                A_DESCRIPTION.formatted(ModelThreads.leavingOneCore(), batch),
                placement.map(p -> p + ", ").orElse(""), alone);
        return alone;
    }

    /** Embeds the samples in batches on the calling thread, whose CPU time it reports beside the meter's. */
    private static double modelAlone(ClipModel model, List<RawSample> samples) {
        CpuMeter cpu = new CpuMeter();
        ThreadSchedule schedule = new ThreadSchedule();
        long threadStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        embedAll(model, samples);
        double seconds = cpu.seconds();
        long threadNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadStart;
        System.out.printf(Locale.ROOT, "    the model alone kept %s; its calling thread %.2f cores, %.3f ms of CPU a record%n", cpu,
                threadNanos / 1e9 / seconds, threadNanos / 1e6 / samples.size());
        System.out.println("    " + schedule.of(ThreadSchedule.currentThreadName()) + "; " + cpu.gc());
        schedule.busiest(4).forEach(line -> System.out.println("      " + line));
        return samples.size() / seconds;
    }

    /** Embeds the samples in batches of the pipeline's size on the calling thread. */
    private static void embedAll(ClipModel model, List<RawSample> samples) {
        for (int i = 0; i < samples.size(); i += batch) {
            List<RawSample> slice = samples.subList(i, Math.min(samples.size(), i + batch));
            model.embedImages(slice.stream().map(RawSample::image).toList());
            model.embedTexts(slice.stream().map(RawSample::caption).toList());
        }
    }

    /**
     * Wall time, and the cores this JVM and the whole machine kept busy since creation, with this
     * JVM's share split among the model thread, the stream thread and the rest (the in-process
     * broker, the clients, and the JVM's own GC and compiler threads).
     */
    private static final class CpuMeter {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final long wallStart = System.nanoTime();
        private final long cpuStart = processCpuNanos();
        private final long[] machineStart = machineTicks();
        private final Map<Long, ThreadCpu> threadsStart = threadCpuNanos();
        private final long[] gcStart = gcCounts();

        double seconds() {
            return (System.nanoTime() - wallStart) / 1e9;
        }

        @Override
        public String toString() {
            double seconds = seconds();
            long[] machine = machineTicks();
            double machineBusy = (double) (machine[0] - machineStart[0]) / Math.max(1, machine[1] - machineStart[1])
                    * Runtime.getRuntime().availableProcessors();
            double stolen = (double) (machine[2] - machineStart[2]) / Math.max(1, machine[1] - machineStart[1])
                    * Runtime.getRuntime().availableProcessors();
            double process = (processCpuNanos() - cpuStart) / 1e9 / seconds;
            double model = cpuNanosSinceStart(0) / 1e9 / seconds;
            double stream = cpuNanosSinceStart(1) / 1e9 / seconds;
            return String.format(Locale.ROOT, "%.2f cores of this JVM (model thread %.2f, stream thread %.2f, the rest %.2f) "
                    + "and %.2f of the machine busy (%.3f of it stolen by the host)", process, model, stream, process - model - stream,
                    machineBusy, stolen);
        }

        /** Garbage collections since creation: how many, and the share of the wall time they took. */
        String gc() {
            long[] now = gcCounts();
            return String.format(Locale.ROOT, "%d collections, %.1f%% of the time", now[0] - gcStart[0],
                    100 * (now[1] - gcStart[1]) / 1e3 / seconds());
        }

        /** Collections and their milliseconds so far, over all collectors. */
        private static long[] gcCounts() {
            long[] sums = new long[2];
            for (java.lang.management.GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                sums[0] += Math.max(0, collector.getCollectionCount());
                sums[1] += Math.max(0, collector.getCollectionTime());
            }
            return sums;
        }

        /** CPU time of the model thread(s) since creation. */
        long modelCpuNanos() {
            return cpuNanosSinceStart(0);
        }

        /**
         * CPU time since creation of the threads of a group (0: the model's, 1: the stream's) alive
         * now: a thread that ended meanwhile (the model alone's, just before a burst) counts neither
         * at the start nor at the end.
         */
        private long cpuNanosSinceStart(int group) {
            long sum = 0;
            for (Map.Entry<Long, ThreadCpu> thread : threadCpuNanos().entrySet()) {
                if (thread.getValue().group() == group) {
                    ThreadCpu start = threadsStart.get(thread.getKey());
                    sum += thread.getValue().nanos() - (start == null ? 0 : start.nanos());
                }
            }
            return sum;
        }

        /** A model or stream thread's group (0 or 1) and its CPU time so far. */
        private record ThreadCpu(int group, long nanos) {
        }

        /** Each model and stream thread alive, by thread id. */
        private static Map<Long, ThreadCpu> threadCpuNanos() {
            Map<Long, ThreadCpu> cpu = new HashMap<>();
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                String name = info == null ? "" : info.getThreadName();
                int group = name.startsWith("pairstream-model") ? 0 : IdleModelSampler.isStreamThread(name) ? 1 : -1;
                long nanos = group < 0 ? -1 : THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.put(info.getThreadId(), new ThreadCpu(group, nanos));
                }
            }
            return cpu;
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /**
         * Busy, total and stolen jiffies of all CPUs from /proc/stat (Linux; stolen: while a virtual
         * machine's CPU was runnable, the host ran something else); zeros elsewhere.
         */
        private static long[] machineTicks() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length; i++) {
                    total += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                return new long[] {total - idle, total, fields.length > 8 ? Long.parseLong(fields[8]) : 0};
            } catch (java.io.IOException | RuntimeException e) {
                return new long[] {0, 0, 0};
            }
        }
    }

    /**
     * Runs a pipeline with {@code model}; with {@code aloneSamples} (the real model) it also measures
     * the model alone on them just before and just after the burst, the pipeline idle meanwhile;
     * null runs the zero-cost model's opened-up settings.
     */
    private static Result pipeline(ClipModel model, List<RawSample> pool, int storeSize, int measured, List<RawSample> aloneSamples,
                                   Map<String, Object> overrides) throws Exception {
        Path directory = Files.createTempDirectory("pairstream-throughput-");
        try {
            return pipeline(directory, model, pool, storeSize, measured, aloneSamples, overrides);
        } finally {
            StoreBenchmark.deleteRecursively(directory);
        }
    }

    private static Result pipeline(Path directory, ClipModel model, List<RawSample> pool, int storeSize, int measured,
                                   List<RawSample> aloneSamples, Map<String, Object> overrides) throws Exception {
        boolean zeroCost = aloneSamples == null;
        TopicNames topics = TopicNames.defaults();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(directory.resolve("platform"))) {
            String bootstrap = platform.bootstrapServers();
            Map<String, Object> serde = Map.of("schema.registry.url", platform.schemaRegistryUrl());
            platform.ensureCurationTopics(topics);
            Map<String, Object> settings = new HashMap<>(Map.of(QualitySettings.WINDOW_MS_CONFIG, 1_000L,
                    SelectionSettings.STRATEGIES_CONFIG, "text,image"));
            Map<String, Object> kafka = new HashMap<>(Map.of("bootstrap.servers", bootstrap, StreamsConfig.REPLICATION_FACTOR_CONFIG, 1,
                    StreamsConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG, StreamThreadLoop.SAMPLE_WINDOW_MS,
                    StreamsConfig.METRICS_NUM_SAMPLES_CONFIG, StreamThreadLoop.SAMPLES));
            overrides.forEach((key, value) -> {
                if (key.startsWith(KAFKA_PREFIX)) {
                    kafka.put(key.substring(KAFKA_PREFIX.length()), value);
                } else {
                    settings.put(key, value);
                }
            });
            if (zeroCost) {
                // Random vectors: no pair is aligned and no neighbour is close, so the checks are opened up to let every stage work.
                settings.putAll(Map.of(AlignmentSettings.MIN_SCORE_CONFIG, -1.0, AlignmentSettings.RANK_K_CONFIG, 0,
                        SelectionSettings.MIN_SIMILARITY_PREFIX + "text", -1.0, SelectionSettings.MIN_SIMILARITY_PREFIX + "image", -1.0));
            }
            // As the service places the model's threads against the others (the broker's JVM included).
            Optional<ModelPlacement> placement = ModelPlacement.of(dedicatedCores, othersNice, ModelThreads.leavingOneCore());
            ClipModel placed = placement.map(p -> p.wrap(model)).orElse(model);
            TimedModel timed = new TimedModel(placed);
            try (CurationPipeline pipeline = CurationPipeline.start(
                    CurationPipeline.streamsProperties(directory.resolve("state"), kafka),
                    CurationConfig.of(settings), timed, serde);
                 Sender sender = new Sender(bootstrap, serde, topics.rawPairs(), pool);
                 Watcher watcher = new Watcher(bootstrap, serde, topics)) {
                pipeline.awaitRunning(Duration.ofMinutes(2));
                long fillStart = System.nanoTime();
                sender.send(storeSize, 0);
                watcher.awaitAccounted(storeSize);
                System.out.printf(Locale.ROOT, "    %s: store filled with %,d in %.0f s%n", model.version(), storeSize,
                        (System.nanoTime() - fillStart) / 1e9);
                // This machine's speed drifts over minutes, so the model alone is measured right beside the burst, the pipeline idle.
                double before = zeroCost ? Double.NaN : aloneBesideIdlePipeline(placed, aloneSamples, "(a)", placement);
                watcher.startMeasuring();
                CpuMeter burst = new CpuMeter();
                ThreadSchedule schedule = new ThreadSchedule();
                StreamThreadLoop loop = new StreamThreadLoop(pipeline.streams());
                long modelBusyStart = timed.busyNanos();
                long burstStart = System.nanoTime();
                long burstStartMillis = System.currentTimeMillis();
                IdleModelSampler idleSampler = new IdleModelSampler(timed);
                sender.send(measured, 0);
                watcher.awaitAccounted(storeSize + measured);
                double rate = measured / burst.seconds();
                Sustained sustained = watcher.sustained(burstStartMillis);
                System.out.printf(Locale.ROOT, "    %s: %.1f records/s over the whole burst, %s%n", model.version(), rate, sustained);
                System.out.printf(Locale.ROOT, "    %s: the burst kept %s; the model was embedding %.0f%% of it, "
                                + "%.3f ms of model thread CPU a record%n", model.version(), burst,
                        100 * (timed.busyNanos() - modelBusyStart) / 1e9 / burst.seconds(), burst.modelCpuNanos() / 1e6 / measured);
                idleSampler.close();
                System.out.println("    " + timed.idleSince(burstStart, 20) + "; the stream thread meanwhile (share of the burst):");
                idleSampler.top(12).forEach(line -> System.out.println("      " + line));
                System.out.println("    " + loop);
                System.out.println("    the burst's busiest threads (" + burst.gc() + "):");
                schedule.busiest(14).forEach(line -> System.out.println("      " + line));
                double after = zeroCost ? Double.NaN : aloneBesideIdlePipeline(placed, aloneSamples, "(a) again, after (b)", placement);
                if (!zeroCost && interleavedRounds > 0) {
                    interleave(placed, aloneSamples, placement, sender, watcher, storeSize + measured, measured / interleavedRounds);
                }
                double half = rate / 2;
                watcher.startLatency();
                sender.send(measured / 2, half);
                int interleaved = zeroCost || interleavedRounds == 0 ? 0 : interleavedRounds * (measured / interleavedRounds);
                watcher.awaitAccounted(storeSize + measured + measured / 2 + interleaved);
                double[] latency = watcher.latencyPercentiles();
                System.out.printf(Locale.ROOT, "    %s: while measured, the search's estimated recall@%d was %.3f (%d sampled queries)%n",
                        model.version(), CurationConfig.of(settings).selection().candidates(), watcher.recall(), watcher.recallSamples);
                return new Result(rate, latency[0], latency[1], half, before, after);
            } finally {
                placement.ifPresent(ModelPlacement::close);
            }
        }
    }

    /**
     * (a) and (b) in turns, {@link #interleavedRounds} rounds of {@code slice} records each, and (a)
     * once more at the end: the machine's speed drifts by 10% or more within minutes, which a single
     * (a) before and after a minute's burst can only bracket. Each round's (b) is its sustained
     * rate (without the pipeline's filling and draining, which a round of a few seconds would
     * otherwise weigh with) against the mean of the (a) just before and just after it; the total is
     * every (b) window's records over their time against all the (a) slices' samples over theirs.
     */
    private static void interleave(ClipModel placed, List<RawSample> aloneSamples, Optional<ModelPlacement> placement, Sender sender,
                                   Watcher watcher, long accountedSoFar, int slice) throws InterruptedException {
        double[] alone = new double[interleavedRounds + 1];
        Sustained[] pipelined = new Sustained[interleavedRounds];
        double aloneSeconds = 0;
        int aloneCount = 0;
        long accounted = accountedSoFar;
        for (int round = 0; round <= interleavedRounds; round++) {
            int from = (round * slice) % (aloneSamples.size() - slice + 1);
            List<RawSample> samples = aloneSamples.subList(from, from + slice);
            long start = System.nanoTime();
            placement.ifPresentOrElse(p -> p.onModelThread(() -> {
                embedAll(placed, samples);
                return null;
            }), () -> embedAll(placed, samples));
            double seconds = (System.nanoTime() - start) / 1e9;
            alone[round] = samples.size() / seconds;
            aloneSeconds += seconds;
            aloneCount += samples.size();
            if (round == interleavedRounds) {
                break;
            }
            long since = System.currentTimeMillis();
            sender.send(slice, 0);
            accounted += slice;
            watcher.awaitAccounted(accounted);
            pipelined[round] = watcher.sustained(since);
        }
        long records = 0;
        long millis = 0;
        for (int round = 0; round < interleavedRounds; round++) {
            double bracket = (alone[round] + alone[round + 1]) / 2;
            System.out.printf(Locale.ROOT, "    round %d: (a) %.1f and %.1f records/s, (b) %s: %.2f of (a)%n", round + 1, alone[round],
                    alone[round + 1], pipelined[round], pipelined[round].rate() / bracket);
            records += pipelined[round].records();
            millis += pipelined[round].millis();
        }
        Sustained all = new Sustained(records, millis);
        double aloneRate = aloneCount / aloneSeconds;
        System.out.printf(Locale.ROOT, "(i) %d interleaved rounds of %,d records: (a) %.1f records/s, (b) %s: %.2f of (a)%n",
                interleavedRounds, slice, aloneRate, all, all.rate() / aloneRate);
    }

    /** Records accounted for in a pipeline's full quality windows, and the windows' total length. */
    private record Sustained(long records, long millis) {
        double rate() {
            return millis == 0 ? Double.NaN : records * 1000.0 / millis;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f records/s sustained (%,d records in %.1f s of full windows)", rate(), records,
                    millis / 1e3);
        }
    }

    /** Sends pairs from the pool with fresh ids, event time = send time, optionally paced. */
    private static final class Sender implements AutoCloseable {
        private final PairPublisher publisher;
        private final List<RawSample> pool;
        private long sent;

        Sender(String bootstrap, Map<String, Object> serde, String topic, List<RawSample> pool) {
            this.publisher = new PairPublisher(Map.of("bootstrap.servers", bootstrap), serde, topic);
            this.pool = pool;
        }

        void send(int count, double perSecond) throws InterruptedException {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                RawSample sample = pool.get((int) (sent % pool.size()));
                ImageTextPair pair = sample.toPair();
                pair.setId(sample.id() + "#" + sent++);
                pair.setEventTime(Instant.now());
                publisher.send(pair);
            }
            publisher.flush();
        }

        @Override
        public void close() {
            publisher.close();
        }
    }

    /** Follows the quality windows (to count accounted records) and, for latency, the positive pairs. */
    private static final class Watcher implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final AvroDeserializer<PairQualityWindow> windows = new AvroDeserializer<>(null, PairQualityWindow.class);
        private final AvroDeserializer<PositivePair> pairs = new AvroDeserializer<>(null, PositivePair.class);
        private final TopicNames topics;
        private final TopicPartition positives;
        private final Map<String, Long> firstEmission = new HashMap<>();
        private long accounted;
        private boolean measuringLatency;
        private double recallSum;
        private long recallSamples;
        private boolean measuring;
        /** The windows read while measuring: start and end (epoch milliseconds) and the records they account for. */
        private final List<long[]> measuredWindows = new ArrayList<>();

        Watcher(String bootstrap, Map<String, Object> serde, TopicNames topics) {
            this.consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            windows.configure(serde, false);
            pairs.configure(serde, false);
            this.topics = topics;
            this.positives = new TopicPartition(topics.positivePairs(), 0);
            consumer.assign(List.of(new TopicPartition(topics.qualityMetrics(), 0), positives));
            // Read only for latency: until then a trainer elsewhere would read them, not this machine.
            consumer.pause(List.of(positives));
        }

        void awaitAccounted(long target) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long lastWindow = System.nanoTime();
            while (accounted < target && System.nanoTime() < deadline) {
                if (System.nanoTime() - lastWindow > STALLED.toNanos()) {
                    // Seen once: a task closed at start-up before its first window was emitted, which loses the window's figures,
                    // not its records, and the count never reached the target.
                    throw new IllegalStateException("no quality window for " + STALLED.toSeconds() + " s with " + accounted + " of "
                            + target + " records accounted for: the pipeline is stuck, or a window's figures were lost");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.topic().equals(topics.qualityMetrics())) {
                        PairQualityWindow window = windows.deserialize(record.topic(), record.value());
                        lastWindow = System.nanoTime();
                        long count = window.getStored() + window.getRejected() + window.getDeadLettered();
                        accounted += count;
                        if (measuring) {
                            measuredWindows.add(new long[] {window.getWindowStart().toEpochMilli(), window.getWindowEnd().toEpochMilli(), count});
                        }
                        if (measuring && window.getEstimatedRecall() != null) {
                            recallSum += window.getEstimatedRecall() * window.getRecallSampleSize();
                            recallSamples += window.getRecallSampleSize();
                        }
                    } else if (measuringLatency) {
                        PositivePair pair = pairs.deserialize(record.topic(), record.value());
                        firstEmission.putIfAbsent(pair.getAnchorId(),
                                pair.getEmittedAt().toEpochMilli() - pair.getAnchorEventTime().toEpochMilli());
                    }
                }
            }
            if (accounted < target) {
                throw new IllegalStateException("only " + accounted + " of " + target + " records accounted for within " + TIMEOUT);
            }
        }

        /** From now on, positive pairs emitted count towards latency; those emitted before are skipped. */
        void startLatency() {
            consumer.seekToEnd(List.of(positives));
            consumer.position(positives);
            consumer.resume(List.of(positives));
            measuringLatency = true;
        }

        /** From now on, quality windows count towards the recall estimate and the sustained rate. */
        void startMeasuring() {
            measuring = true;
        }

        /**
         * The records/s of the windows that began at or after {@code sinceMillis} and ended before
         * the last one that accounted for records: the rate a stream that never ends would see,
         * without the filling of the pipeline at a burst's start, nor its draining and the wait for
         * the last window to close at its end. Empty with fewer than two such windows.
         */
        Sustained sustained(long sinceMillis) {
            List<long[]> inside = new ArrayList<>(measuredWindows.stream().filter(window -> window[0] >= sinceMillis).toList());
            while (!inside.isEmpty() && inside.get(inside.size() - 1)[2] == 0) {
                inside.remove(inside.size() - 1);
            }
            if (inside.size() < 3) {
                return new Sustained(0, 0);
            }
            List<long[]> full = inside.subList(0, inside.size() - 1);
            return new Sustained(full.stream().mapToLong(window -> window[2]).sum(), full.get(full.size() - 1)[1] - full.get(0)[0]);
        }

        double recall() {
            return recallSamples == 0 ? Double.NaN : recallSum / recallSamples;
        }

        /** p50 and p99 of send-to-first-pair latency over the anchors measured. */
        double[] latencyPercentiles() {
            long[] values = firstEmission.values().stream().mapToLong(Long::longValue).sorted().toArray();
            if (values.length == 0) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {values[values.length / 2], values[Math.min(values.length - 1, (int) (values.length * 0.99))]};
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
