package io.pairstream.bench.train;

import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.dataset.LabelledImage;
import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.TrainingMetrics;
import io.pairstream.topology.config.QualitySettings;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.trainer.PairStreamBridge;
import io.pairstream.trainer.batch.ImageFormat;
import io.pairstream.trainer.config.BridgeSettings;
import io.pairstream.trainer.config.PositiveGuidance;
import io.pairstream.trainer.config.TrainingSettings;
import io.pairstream.trainer.config.TrainingStrategy;
import io.pairstream.trainer.eval.LinearProbe;
import io.pairstream.trainer.eval.ProbeImage;
import io.pairstream.trainer.metrics.TrainerMeters;
import io.pairstream.trainer.source.ListPairSource;
import io.pairstream.trainer.train.OnlineTrainer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experiment: reads a whole {@code pairs.positive} topic once, then trains every row
 * (baseline, add-new-positive text- and image-guided, the three drop strategies) on exactly those
 * pairs in the same order, with the same seed, steps and batch size, and prints linear-probe
 * accuracy on the Fashion-MNIST test split and the label agreement of the pairs each row trained on.
 *
 * <p>With {@code --curate N} it first streams the first N Fashion-MNIST train images through the real
 * curation pipeline on an embedded platform ({@link FashionCuration}) and uses what that emitted.
 *
 * <pre>
 * java ... StrategyExperiment (--curate N | --bootstrap HOST:PORT --registry URL [--topic pairs.positive])
 *     [--steps 300] [--batch 128] [--seed 42] [--epochs 20] [--fashion /usr/share/datasets/fashion-mnist] [--out bench/out/train]
 * </pre>
 */
public final class StrategyExperiment {

    private record Row(TrainingStrategy strategy, PositiveGuidance guidance) {
        String name() {
            return strategy.configName() + (strategy.trainsOnPositives() ? " (" + guidance.configName() + ")" : "");
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row(TrainingStrategy.BASELINE, PositiveGuidance.ANY),
            new Row(TrainingStrategy.ADD_NEW_POSITIVE, PositiveGuidance.TEXT),
            new Row(TrainingStrategy.ADD_NEW_POSITIVE, PositiveGuidance.IMAGE),
            new Row(TrainingStrategy.DROP_FALSE_NEGATIVE, PositiveGuidance.ANY),
            new Row(TrainingStrategy.DROP_EASY_NEGATIVE, PositiveGuidance.ANY),
            new Row(TrainingStrategy.DROP_FALSE_POSITIVE, PositiveGuidance.TEXT));

    private StrategyExperiment() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int steps = Integer.parseInt(options.getOrDefault("steps", "300"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "128"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        int epochs = Integer.parseInt(options.getOrDefault("epochs", "20"));
        Path out = Path.of(options.getOrDefault("out", "bench/out/train"));
        Path fashion = Path.of(options.getOrDefault("fashion", FashionMnist.DEBIAN_DIRECTORY.toString()));
        List<PositivePair> pairs = options.containsKey("curate")
                ? FashionCuration.curate(out.resolve("curation"), fashion, Integer.parseInt(options.get("curate")),
                        Map.of(SelectionSettings.STRATEGIES_CONFIG, "text,image", QualitySettings.WINDOW_MS_CONFIG, 1_000L))
                : FashionCuration.readAll(options.get("bootstrap"), options.getOrDefault("topic", "pairs.positive"),
                        FashionCuration.deserializer(PositivePair.class, Map.of("schema.registry.url", options.get("registry"))));
        printPairFigures(pairs);
        System.out.printf("read %d pairs%n", pairs.size());
        ImageFormat format = new ImageFormat(TrainingSettings.DEFAULT_IMAGE_SIZE, TrainingSettings.DEFAULT_IMAGE_CHANNELS);
        List<ProbeImage> heldOut = new ArrayList<>();
        for (LabelledImage image : FashionMnist.read(fashion, FashionMnist.Split.TEST)) {
            heldOut.add(new ProbeImage(format.pixels(image.image()), image.label()));
        }
        LinearProbe probe = LinearProbe.split(heldOut, 0.5);

        System.out.printf("%-32s %6s %9s %10s %10s %12s %8s%n", "row", "steps", "last loss", "probe acc", "pos. agree",
                "masked neg.", "steps/s");
        for (Row row : ROWS) {
            TrainingSettings settings = TrainingSettings.defaults(row.strategy(), row.guidance()).withBatchSize(batch).withSeed(seed);
            Path checkpoints = out.resolve(row.strategy().configName() + "-" + row.guidance().configName());
            deleteCheckpoints(checkpoints);
            BridgeSettings bridge = new BridgeSettings(row.name(), checkpoints, steps, 1, 0, Integer.MAX_VALUE,
                    Duration.ofMillis(10), Duration.ofMillis(10));
            List<TrainingMetrics> reports = new ArrayList<>();
            try (OnlineTrainer trainer = new OnlineTrainer(settings);
                 ListPairSource source = new ListPairSource("pairs.positive", pairs, batch, epochs)) {
                TrainerMeters meters = new TrainerMeters(new SimpleMeterRegistry(), row.name(), row.strategy().configName());
                PairStreamBridge.RunSummary summary = new PairStreamBridge(trainer, bridge, source, reports::add, meters, probe,
                        Clock.systemUTC()).run(steps);
                TrainingMetrics total = reports.get(reports.size() - 1);
                List<Float> losses = summary.losses();
                double lastLoss = losses.subList(Math.max(0, losses.size() - 20), losses.size()).stream()
                        .mapToDouble(Float::doubleValue).average().orElse(Double.NaN);
                System.out.printf("%-32s %6d %9.4f %10.4f %10s %12s %8.2f%n", row.name(), summary.lastStep(), lastLoss,
                        summary.probeAccuracy().orElse(Double.NaN),
                        total.getPositiveLabelAgreement() == null ? "aug. only" : String.format("%.4f", total.getPositiveLabelAgreement()),
                        total.getMaskedNegatives() + (total.getMaskedNegativeLabelAgreement() == null ? ""
                                : String.format(" (%.2f)", total.getMaskedNegativeLabelAgreement())),
                        summary.stepsPerSecond());
            }
        }
    }

    /** Per guidance: pairs, and how often both samples share a label. */
    private static void printPairFigures(List<PositivePair> pairs) {
        Map<PairStrategy, int[]> counts = new TreeMap<>();
        for (PositivePair pair : pairs) {
            int[] c = counts.computeIfAbsent(pair.getStrategy(), s -> new int[3]);
            c[0]++;
            if (pair.getAnchorLabel() != null && pair.getPositiveLabel() != null) {
                c[1]++;
                c[2] += pair.getAnchorLabel().toString().equals(pair.getPositiveLabel().toString()) ? 1 : 0;
            }
        }
        counts.forEach((strategy, c) -> System.out.printf("%-13s %6d pairs, label agreement %.4f%n", strategy, c[0],
                c[1] == 0 ? Double.NaN : (double) c[2] / c[1]));
    }

    private static void deleteCheckpoints(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("curate") && !(options.containsKey("bootstrap") && options.containsKey("registry"))) {
            throw new IllegalArgumentException("either --curate SAMPLES or --bootstrap HOST:PORT --registry URL");
        }
        return options;
    }
}
