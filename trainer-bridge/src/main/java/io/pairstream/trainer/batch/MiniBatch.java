package io.pairstream.trainer.batch;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The pairs of one training step, one per distinct anchor, and the stream positions just after
 * every record consumed to assemble it (skipped records included): once the step is complete,
 * committing {@code positions} loses nothing and repeats nothing.
 *
 * @param skipped records consumed but not trained on
 */
public record MiniBatch(List<TrainingPair> pairs, Map<TopicPartition, Long> positions, int skipped) {

    public MiniBatch {
        pairs = List.copyOf(pairs);
        positions = Map.copyOf(positions);
    }

    public int size() {
        return pairs.size();
    }
}
