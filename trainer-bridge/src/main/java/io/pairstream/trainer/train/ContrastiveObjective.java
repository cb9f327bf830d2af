package io.pairstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.pairstream.trainer.batch.MiniBatch;
import io.pairstream.trainer.batch.NegativeMasks;
import io.pairstream.trainer.config.TrainingSettings;
import io.pairstream.trainer.config.TrainingStrategy;

/**
 * The loss of one step under the run's strategy, from the projections of the batch's views:
 * rows {@code [0, n)} are the anchors' first views, {@code [n, 2n)} their second views and, for
 * strategies that train on positives, {@code [2n, 3n)} a view of each pair's positive.
 */
final class ContrastiveObjective {

    /**
     * The loss and what the strategy removed, for reporting.
     *
     * @param positiveWeights which pairs' positives entered the loss; null when the strategy uses none
     */
    record Outcome(NDArray loss, boolean[][] maskedNegatives, float[] positiveWeights) {
    }

    private final TrainingSettings settings;

    ContrastiveObjective(TrainingSettings settings) {
        this.settings = settings;
    }

    Outcome evaluate(NDArray projections, MiniBatch batch) {
        int n = batch.size();
        NDArray first = projections.get(new NDIndex("0:{}", n));
        NDArray second = projections.get(new NDIndex("{}:{}", n, 2 * n));
        float t = settings.temperature();
        float[] all = NegativeMasks.allPositives(n);
        return switch (settings.strategy()) {
            case BASELINE -> new Outcome(NtXent.loss(first, second, NegativeMasks.none(n), all, t), NegativeMasks.none(n), null);
            case DROP_FALSE_NEGATIVE -> {
                boolean[][] masked = NegativeMasks.falseNegatives(batch.pairs());
                yield new Outcome(NtXent.loss(first, second, masked, all, t), masked, null);
            }
            case DROP_EASY_NEGATIVE -> {
                // The pair stream carries no anchor-to-negative CLIP similarity, so the run ranks negatives
                // by its own current (detached) embeddings of the anchors' first views.
                boolean[][] masked = NegativeMasks.easiest(cosines(first), settings.easyNegativeFraction());
                yield new Outcome(NtXent.loss(first, second, masked, all, t), masked, null);
            }
            case ADD_NEW_POSITIVE, DROP_FALSE_POSITIVE -> {
                NDArray positive = projections.get(new NDIndex("{}:{}", 2 * n, 3 * n));
                float[] weights = settings.strategy() == TrainingStrategy.DROP_FALSE_POSITIVE
                        ? NegativeMasks.positivesAtOrAbove(batch.pairs(), settings.falsePositivePercentile())
                        : all;
                NDArray augmentation = NtXent.loss(first, second, NegativeMasks.none(n), all, t);
                NDArray guided = NtXent.loss(first, positive, NegativeMasks.none(n), weights, t);
                yield new Outcome(augmentation.add(guided).div(2f), NegativeMasks.none(n), weights);
            }
        };
    }

    private static float[][] cosines(NDArray rows) {
        NDArray unit = NtXent.normalise(rows.stopGradient());
        int n = Math.toIntExact(unit.getShape().get(0));
        float[] flat = unit.matMul(unit.transpose()).toFloatArray();
        float[][] out = new float[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * n, out[i], 0, n);
        }
        return out;
    }
}
