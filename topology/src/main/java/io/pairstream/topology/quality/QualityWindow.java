package io.pairstream.topology.quality;

import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import java.time.Instant;
import java.util.Objects;

/** The pair-quality figures of one partition over one window, accumulated as records pass. */
final class QualityWindow {

    private final long startMs;
    private long recordsIn;
    private long stored;
    private long rejected;
    private long deadLettered;
    private long aligned;
    private long examined;
    private long nearDuplicates;
    private long recallHits;
    private long recallSampled;
    private int recallQueries;
    private long labelledPairs;
    private long agreeingPairs;
    private long storeSize;
    private final FloatSeries alignment = new FloatSeries();
    private final FloatSeries textSimilarity = new FloatSeries();
    private final FloatSeries imageSimilarity = new FloatSeries();
    private final FloatSeries crossSimilarity = new FloatSeries();
    private final FloatSeries latency = new FloatSeries();

    QualityWindow(long startMs, long storeSize) {
        this.startMs = startMs;
        this.storeSize = storeSize;
    }

    long storeSize() {
        return storeSize;
    }

    boolean isEmpty() {
        return recordsIn == 0 && stored == 0 && rejected == 0 && deadLettered == 0 && textSimilarity.count() == 0;
    }

    void recordIn() {
        recordsIn++;
    }

    void deadLettered() {
        deadLettered++;
    }

    void rejected() {
        rejected++;
    }

    void aligned(QualityEvent.Aligned event) {
        aligned++;
        alignment.add(event.score());
    }

    void selected(QualityEvent.Selected event) {
        examined += event.examined();
        nearDuplicates += event.nearDuplicates();
        if (event.recallSampled() > 0) {
            recallHits += event.recallHits();
            recallSampled += event.recallSampled();
            recallQueries++;
        }
    }

    void stored(QualityEvent.Stored event) {
        stored++;
        storeSize = event.storeSize();
    }

    /** An emitted pair; {@code arrivedMs} is when its anchor arrived in the input topic. */
    void emitted(PositivePair pair, long arrivedMs) {
        textSimilarity.add(pair.getTextSimilarity());
        imageSimilarity.add(pair.getImageSimilarity());
        crossSimilarity.add(pair.getCrossSimilarity());
        latency.add(pair.getEmittedAt().toEpochMilli() - arrivedMs);
        if (pair.getAnchorLabel() != null && pair.getPositiveLabel() != null) {
            labelledPairs++;
            agreeingPairs += Objects.equals(pair.getAnchorLabel(), pair.getPositiveLabel()) ? 1 : 0;
        }
    }

    PairQualityWindow close(long endMs, int partition, String modelVersion) {
        int positives = textSimilarity.count();
        return PairQualityWindow.newBuilder()
                .setWindowStart(Instant.ofEpochMilli(startMs))
                .setWindowEnd(Instant.ofEpochMilli(endMs))
                .setPartition(partition)
                .setModelVersion(modelVersion)
                .setRecordsIn(recordsIn)
                .setStored(stored)
                .setRejected(rejected)
                .setDeadLettered(deadLettered)
                .setPositivesOut(positives)
                .setPositivesPerAnchor(stored == 0 ? 0f : (float) positives / stored)
                .setTextSimilarity(textSimilarity.distribution())
                .setImageSimilarity(imageSimilarity.distribution())
                .setCrossSimilarity(crossSimilarity.distribution())
                .setAlignment(alignment.distribution())
                .setLabelAgreement(labelledPairs == 0 ? null : (float) agreeingPairs / labelledPairs)
                .setLabelledPairs(labelledPairs)
                .setDiversity(positives == 0 ? 0f : (float) (1 - imageSimilarity.sum() / positives))
                .setNearDuplicateRate(examined == 0 ? 0f : (float) nearDuplicates / examined)
                .setMismatchRate(aligned == 0 ? 0f : (float) rejected / aligned)
                .setStoreSize(storeSize)
                .setIngestToEmitMillis(latency.distribution())
                .setEstimatedRecall(recallSampled == 0 ? null : (float) recallHits / recallSampled)
                .setRecallSampleSize(recallQueries)
                .build();
    }
}
