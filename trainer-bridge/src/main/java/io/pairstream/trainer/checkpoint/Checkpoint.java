package io.pairstream.trainer.checkpoint;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A saved training state: the directory holding the trainer's files, the steps it had completed,
 * and the stream positions just after the last pair those steps trained on.
 */
public record Checkpoint(Path directory, long step, Map<TopicPartition, Long> positions, long pairsTrained, long pairsSkipped) {

    public Checkpoint {
        positions = Map.copyOf(positions);
    }
}
