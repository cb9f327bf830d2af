package io.pairstream.curator.dashboard;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pairstream.schemas.records.PairQualityWindow;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Registers the pair-quality gauges ({@code pairstream.quality.*}) in a Micrometer registry, read
 * from the newest window of each partition in a {@link QualityFeed}: counts are summed over the
 * partitions, ratios and similarities averaged, latency takes the worst partition. A gauge reads
 * NaN until a window has arrived.
 */
public final class QualityGauges {

    private static final String PREFIX = "pairstream.quality.";

    private QualityGauges() {
    }

    public static void bind(MeterRegistry registry, QualityFeed feed) {
        sum(registry, feed, "records.in", "Records read in the latest window", w -> w.getRecordsIn());
        sum(registry, feed, "positives.out", "Positive pairs emitted in the latest window", w -> w.getPositivesOut());
        sum(registry, feed, "rejected", "Pairs rejected as mismatched in the latest window", w -> w.getRejected());
        sum(registry, feed, "dead.lettered", "Records dead-lettered in the latest window", w -> w.getDeadLettered());
        sum(registry, feed, "store.size", "Items in the vector stores at the end of the latest window", w -> w.getStoreSize());
        mean(registry, feed, "positives.per.anchor", "Mean positives emitted per stored sample", w -> w.getPositivesPerAnchor());
        mean(registry, feed, "label.agreement", "Fraction of emitted pairs whose two samples share a label",
                w -> w.getLabelAgreement() == null ? Double.NaN : w.getLabelAgreement());
        mean(registry, feed, "diversity", "Mean of 1 - image similarity of emitted pairs", w -> w.getDiversity());
        mean(registry, feed, "near.duplicate.rate", "Fraction of candidate positives dropped as near-duplicates", w -> w.getNearDuplicateRate());
        mean(registry, feed, "mismatch.rate", "Fraction of pairs rejected at the alignment check", w -> w.getMismatchRate());
        mean(registry, feed, "text.similarity.median", "Median caption-caption similarity of emitted pairs", w -> w.getTextSimilarity().getP50());
        mean(registry, feed, "image.similarity.median", "Median image-image similarity of emitted pairs", w -> w.getImageSimilarity().getP50());
        mean(registry, feed, "cross.similarity.median", "Median cross-modal similarity of emitted pairs", w -> w.getCrossSimilarity().getP50());
        mean(registry, feed, "alignment.median", "Median image-caption similarity of incoming pairs", w -> w.getAlignment().getP50());
        mean(registry, feed, "estimated.recall", "Estimated recall@k of the approximate neighbour search",
                w -> w.getEstimatedRecall() == null ? Double.NaN : w.getEstimatedRecall());
        max(registry, feed, "latency.p50.milliseconds", "Median ingest-to-emit latency", w -> w.getIngestToEmitMillis().getP50());
        max(registry, feed, "latency.p99.milliseconds", "99th percentile ingest-to-emit latency", w -> w.getIngestToEmitMillis().getP99());
    }

    private static void sum(MeterRegistry registry, QualityFeed feed, String name, String description, ToDoubleFunction<PairQualityWindow> figure) {
        register(registry, feed, name, description, windows -> windows.stream().mapToDouble(figure).sum());
    }

    private static void mean(MeterRegistry registry, QualityFeed feed, String name, String description, ToDoubleFunction<PairQualityWindow> figure) {
        register(registry, feed, name, description, windows -> windows.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN));
    }

    private static void max(MeterRegistry registry, QualityFeed feed, String name, String description, ToDoubleFunction<PairQualityWindow> figure) {
        register(registry, feed, name, description, windows -> windows.stream().mapToDouble(figure).max().orElse(Double.NaN));
    }

    private static void register(MeterRegistry registry, QualityFeed feed, String name, String description,
                                 ToDoubleFunction<List<PairQualityWindow>> aggregate) {
        Gauge.builder(PREFIX + name, feed, f -> {
            List<PairQualityWindow> latest = f.latestWindows();
            return latest.isEmpty() ? Double.NaN : aggregate.applyAsDouble(latest);
        }).description(description).register(registry);
    }
}
