package io.pairstream.trainer.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the bridge reads pairs from. The bridge polls only when it needs pairs for the next step,
 * so the trainer's pace sets the consumption pace and at most one poll's worth waits in memory.
 */
public interface PairSource extends AutoCloseable {

    /**
     * Starts reading at {@code positions} (next offset per partition) where given, and at the
     * committed offsets elsewhere. Called once, before the first poll.
     */
    void start(Map<TopicPartition, Long> positions);

    /** Pairs in stream order per partition; empty when none arrived within {@code timeout}. */
    List<SourcedPair> poll(Duration timeout);

    /** Records that everything before {@code positions} (next offset per partition) has been trained on. */
    void commit(Map<TopicPartition, Long> positions);

    @Override
    void close();
}
