package io.pairstream.trainer.metrics;

import io.pairstream.schemas.records.TrainingMetrics;
import io.pairstream.trainer.config.TrainingSettings;
import io.pairstream.trainer.train.StepResult;
import java.time.Clock;
import java.time.Instant;

/**
 * Sums step results between two metrics records and the totals of the run, and turns them into
 * a {@link TrainingMetrics} record.
 */
public final class TrainingReport {

    private final String runId;
    private final TrainingSettings settings;
    private final Clock clock;
    private long pairsTrained;
    private long pairsSkipped;
    private long lastStep;
    private double lossSum;
    private int steps;
    private int updated;
    private long positivesLabelled;
    private long positivesAgreeing;
    private long masked;
    private long maskedLabelled;
    private long maskedSame;
    private long windowStartMillis;

    public TrainingReport(String runId, TrainingSettings settings, Clock clock, long pairsTrained, long pairsSkipped) {
        this.runId = runId;
        this.settings = settings;
        this.clock = clock;
        this.pairsTrained = pairsTrained;
        this.pairsSkipped = pairsSkipped;
        this.windowStartMillis = clock.millis();
    }

    public void add(StepResult result, int skipped) {
        lastStep = result.step();
        pairsTrained += result.pairs();
        pairsSkipped += skipped;
        steps++;
        if (result.updated()) {
            lossSum += result.loss();
            updated++;
        }
        positivesLabelled += result.positivesLabelled();
        positivesAgreeing += result.positivesAgreeing();
        masked += result.maskedNegatives();
        maskedLabelled += result.maskedLabelled();
        maskedSame += result.maskedSameLabel();
    }

    public long pairsTrained() {
        return pairsTrained;
    }

    public long pairsSkipped() {
        return pairsSkipped;
    }

    /** The record of the steps since the previous one, then starts a new window. */
    public TrainingMetrics drain(Double probeAccuracy) {
        long now = clock.millis();
        double seconds = Math.max(1e-3, (now - windowStartMillis) / 1000.0);
        TrainingMetrics metrics = TrainingMetrics.newBuilder()
                .setRunId(runId)
                .setStrategy(settings.strategy().configName())
                .setPositiveGuidance(settings.guidance().configName())
                .setStep(lastStep)
                .setLoss(updated == 0 ? Float.NaN : (float) (lossSum / updated))
                .setStepsPerSecond((float) (steps / seconds))
                .setPairsTrained(pairsTrained)
                .setUpdatesSkipped(steps - updated)
                .setPairsSkipped(pairsSkipped)
                .setPositiveLabelAgreement(ratio(positivesAgreeing, positivesLabelled))
                .setMaskedNegatives(masked)
                .setMaskedNegativeLabelAgreement(ratio(maskedSame, maskedLabelled))
                .setProbeAccuracy(probeAccuracy == null ? null : probeAccuracy.floatValue())
                .setEmittedAt(Instant.ofEpochMilli(now))
                .build();
        lossSum = 0;
        steps = 0;
        updated = 0;
        positivesLabelled = 0;
        positivesAgreeing = 0;
        masked = 0;
        maskedLabelled = 0;
        maskedSame = 0;
        windowStartMillis = now;
        return metrics;
    }

    private static Float ratio(long part, long whole) {
        return whole == 0 ? null : (float) part / whole;
    }
}
