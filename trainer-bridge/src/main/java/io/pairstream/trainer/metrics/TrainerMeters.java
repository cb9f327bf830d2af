package io.pairstream.trainer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pairstream.trainer.train.StepResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's Micrometer meters, tagged with run and strategy; bind to a Prometheus registry and
 * serve it with {@link MetricsEndpoint} for {@code /metrics}.
 */
public final class TrainerMeters {

    private final Counter steps;
    private final Counter pairsTrained;
    private final Counter pairsSkipped;
    private final Counter maskedNegatives;
    private final Counter updatesSkipped;
    private final Timer stepTime;
    private final AtomicReference<Double> loss = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> probeAccuracy = new AtomicReference<>(Double.NaN);

    public TrainerMeters(MeterRegistry registry, String runId, String strategy) {
        Tags tags = Tags.of("run", runId, "strategy", strategy);
        this.steps = registry.counter("pairstream.trainer.steps", tags);
        this.pairsTrained = registry.counter("pairstream.trainer.pairs.trained", tags);
        this.pairsSkipped = registry.counter("pairstream.trainer.pairs.skipped", tags);
        this.maskedNegatives = registry.counter("pairstream.trainer.negatives.masked", tags);
        this.updatesSkipped = registry.counter("pairstream.trainer.updates.skipped", tags);
        this.stepTime = registry.timer("pairstream.trainer.step.time", tags);
        Gauge.builder("pairstream.trainer.loss", loss, AtomicReference::get).tags(tags).register(registry);
        Gauge.builder("pairstream.trainer.probe.accuracy", probeAccuracy, AtomicReference::get).tags(tags).register(registry);
    }

    public void stepCompleted(StepResult result, int skipped, Duration took) {
        steps.increment();
        pairsTrained.increment(result.pairs());
        pairsSkipped.increment(skipped);
        maskedNegatives.increment(result.maskedNegatives());
        stepTime.record(took);
        if (result.updated()) {
            loss.set((double) result.loss());
        } else {
            updatesSkipped.increment();
        }
    }

    public void evaluated(double accuracy) {
        probeAccuracy.set(accuracy);
    }
}
