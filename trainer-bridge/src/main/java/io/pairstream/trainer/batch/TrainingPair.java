package io.pairstream.trainer.batch;

import java.util.List;
import java.util.Set;

/**
 * One pair as the trainer uses it: decoded images, the ids that relate it to other pairs, the
 * strategies' hints, and labels for reporting only.
 *
 * @param positivePixels       null when the strategy does not train on positives
 * @param falseNegativeHints   ids of the stored samples most CLIP-similar to the anchor
 * @param similarityPercentile percentile of the pair's guiding similarity among recent pairs
 * @param anchorLabel          null when unlabelled
 * @param positiveLabel        null when unlabelled
 */
public record TrainingPair(String anchorId, String positiveId, float[] anchorPixels, float[] positivePixels,
                           Set<String> falseNegativeHints, float similarityPercentile,
                           String anchorLabel, String positiveLabel) {

    public TrainingPair {
        falseNegativeHints = Set.copyOf(falseNegativeHints);
    }

    /** The ids this pair's samples go by: its anchor and its positive. */
    public List<String> sampleIds() {
        return List.of(anchorId, positiveId);
    }

    /** Whether both samples carry labels and they are equal; null when either is unlabelled. */
    public Boolean labelsAgree() {
        return anchorLabel == null || positiveLabel == null ? null : anchorLabel.equals(positiveLabel);
    }
}
