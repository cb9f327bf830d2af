package io.pairstream.curator.demo;

import io.pairstream.curator.ingest.RawSample;
import io.pairstream.schemas.records.PairQualityWindow;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pair-quality summary of one demo run, computed from what the run's pipeline committed (the
 * {@link DemoObserver}'s records) and what the demo sent (labels, injected mismatches).
 */
record DemoSummary(List<String> lines) {

    static DemoSummary of(List<RawSample> sent, Set<String> injected, int uncuratable, DemoObserver observed, double seconds) {
        List<PairQualityWindow> windows = observed.windows();
        long in = sum(windows, PairQualityWindow::getRecordsIn);
        long stored = sum(windows, PairQualityWindow::getStored);
        long rejected = sum(windows, PairQualityWindow::getRejected);
        long deadLettered = sum(windows, PairQualityWindow::getDeadLettered);
        long positives = sum(windows, PairQualityWindow::getPositivesOut);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "records in %,d (sent %,d pairs, %d mismatched on purpose, %d uncuratable) in %.1f s: %.1f records/s",
                in, sent.size(), injected.size(), uncuratable, seconds, in / Math.max(seconds, 1e-9)));
        lines.add(String.format(Locale.ROOT, "stored %,d   rejected %,d   dead-lettered %,d   positives out %,d (%.2f per stored sample)",
                stored, rejected, deadLettered, positives, stored == 0 ? 0 : (double) positives / stored));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-34s %8s %16s %14s", "source / strategy", "pairs", "label agreement", "random pairs"));
        Map<String, Double> random = randomAgreement(sent);
        new TreeMap<>(observed.agreement()).forEach((group, figures) -> lines.add(String.format(Locale.ROOT, "%-34s %,8d %16s %14s",
                group, figures.pairs, figures.labelled == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) figures.agreeing / figures.labelled),
                String.format(Locale.ROOT, "%.3f", random.getOrDefault(group.substring(0, group.indexOf(" / ")), 0.0)))));
        lines.add("");
        Map<String, Long> sentPerSource = new TreeMap<>();
        sent.forEach(sample -> sentPerSource.merge(sample.source(), 1L, Long::sum));
        sentPerSource.forEach((source, count) -> {
            Set<String> rejectedHere = observed.rejected().getOrDefault(source, Set.of());
            Set<String> caught = new HashSet<>(rejectedHere);
            caught.retainAll(injected);
            long injectedHere = sent.stream().filter(s -> s.source().equals(source) && injected.contains(s.id())).count();
            lines.add(injectedHere == 0
                    ? String.format(Locale.ROOT, "%-14s rejected %,d of %,d pairs (none mismatched on purpose)", source, rejectedHere.size(), count)
                    : String.format(Locale.ROOT, "%-14s rejected %,d of %,d pairs; of %d mismatched on purpose, %d caught: precision %s, recall %s",
                    source, rejectedHere.size(), count, injectedHere, caught.size(), ratio(caught.size(), rejectedHere.size()),
                    ratio(caught.size(), injectedHere)));
        });
        lines.add(String.format(Locale.ROOT, "diversity (1 - image similarity of pairs) %.3f   near-duplicate rate %.3f   estimated search recall %s",
                weighted(windows, PairQualityWindow::getDiversity, PairQualityWindow::getPositivesOut),
                weighted(windows, PairQualityWindow::getNearDuplicateRate, w -> w.getStored()),
                recall(windows)));
        PairQualityWindow last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
        lines.add(String.format(Locale.ROOT, "store size %,d   ingest-to-emit latency p50 %.0f ms, p99 %.0f ms (last window)",
                windows.stream().mapToLong(PairQualityWindow::getStoreSize).max().orElse(0),
                last == null ? 0f : last.getIngestToEmitMillis().getP50(), last == null ? 0f : last.getIngestToEmitMillis().getP99()));
        return new DemoSummary(List.copyOf(lines));
    }

    void print(PrintStream out) {
        lines.forEach(out::println);
    }

    /** Per source, the chance that two samples drawn at random share a label. */
    private static Map<String, Double> randomAgreement(List<RawSample> sent) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (RawSample sample : sent) {
            if (sample.label() != null) {
                counts.computeIfAbsent(sample.source(), s -> new HashMap<>()).merge(sample.label(), 1, Integer::sum);
            }
        }
        Map<String, Double> random = new HashMap<>();
        counts.forEach((source, labels) -> {
            double total = labels.values().stream().mapToInt(Integer::intValue).sum();
            random.put(source, labels.values().stream().mapToDouble(n -> (n / total) * (n / total)).sum());
        });
        return random;
    }

    private static long sum(List<PairQualityWindow> windows, java.util.function.ToLongFunction<PairQualityWindow> figure) {
        return windows.stream().mapToLong(figure).sum();
    }

    private static double weighted(List<PairQualityWindow> windows, java.util.function.ToDoubleFunction<PairQualityWindow> figure,
                                   java.util.function.ToLongFunction<PairQualityWindow> weight) {
        double total = windows.stream().mapToLong(weight).sum();
        return total == 0 ? 0 : windows.stream().mapToDouble(w -> figure.applyAsDouble(w) * weight.applyAsLong(w)).sum() / total;
    }

    private static String recall(List<PairQualityWindow> windows) {
        long queries = windows.stream().mapToLong(PairQualityWindow::getRecallSampleSize).sum();
        if (queries == 0) {
            return "- (no query sampled)";
        }
        double recall = windows.stream().filter(w -> w.getEstimatedRecall() != null)
                .mapToDouble(w -> w.getEstimatedRecall() * w.getRecallSampleSize()).sum() / queries;
        return String.format(Locale.ROOT, "%.3f over %d queries", recall, queries);
    }

    private static String ratio(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) part / whole);
    }
}
