package io.pairstream.trainer.train;

import io.pairstream.trainer.batch.MiniBatch;
import io.pairstream.trainer.batch.NegativeMasks;
import io.pairstream.trainer.batch.TrainingPair;
import java.util.List;

/** Counts, from the labels the pairs carry, how right the strategy's choices were in one step. */
final class BatchStatistics {

    private BatchStatistics() {
    }

    static StepResult of(long step, float loss, boolean updated, MiniBatch batch, ContrastiveObjective.Outcome outcome) {
        List<TrainingPair> pairs = batch.pairs();
        int used = 0;
        int labelled = 0;
        int agreeing = 0;
        float[] weights = outcome.positiveWeights();
        for (int i = 0; weights != null && i < pairs.size(); i++) {
            if (weights[i] > 0) {
                used++;
                Boolean agree = pairs.get(i).labelsAgree();
                if (agree != null) {
                    labelled++;
                    agreeing += agree ? 1 : 0;
                }
            }
        }
        boolean[][] masked = outcome.maskedNegatives();
        long maskedLabelled = 0;
        long maskedSame = 0;
        for (int i = 0; i < pairs.size(); i++) {
            String anchor = pairs.get(i).anchorLabel();
            for (int j = 0; j < pairs.size(); j++) {
                String other = pairs.get(j).anchorLabel();
                if (i != j && masked[i][j] && anchor != null && other != null) {
                    maskedLabelled++;
                    maskedSame += anchor.equals(other) ? 1 : 0;
                }
            }
        }
        return new StepResult(step, loss, updated, pairs.size(), used, labelled, agreeing, NegativeMasks.count(masked),
                maskedLabelled, maskedSame);
    }
}
