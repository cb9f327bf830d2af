package io.pairstream.trainer.source;

import io.pairstream.schemas.records.PositivePair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Pairs held in memory (a dump of the topic), served as one partition in list order, the list
 * repeated {@code epochs} times (offset {@code e × size + i} is pair {@code i} in epoch {@code e}):
 * every experiment row reads exactly the same pairs in the same order.
 */
public final class ListPairSource implements PairSource {

    private final TopicPartition partition;
    private final List<PositivePair> pairs;
    private final int maxPollRecords;
    private final long end;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private long next;

    public ListPairSource(String topic, List<PositivePair> pairs, int maxPollRecords, int epochs) {
        this.partition = new TopicPartition(topic, 0);
        this.pairs = List.copyOf(pairs);
        this.maxPollRecords = maxPollRecords;
        this.end = (long) pairs.size() * epochs;
    }

    @Override
    public void start(Map<TopicPartition, Long> positions) {
        next = positions.getOrDefault(partition, committed.getOrDefault(partition, 0L));
    }

    @Override
    public List<SourcedPair> poll(Duration timeout) {
        List<SourcedPair> out = new ArrayList<>();
        while (out.size() < maxPollRecords && next < end) {
            out.add(new SourcedPair(partition, next, pairs.get((int) (next % pairs.size()))));
            next++;
        }
        return out;
    }

    @Override
    public void commit(Map<TopicPartition, Long> positions) {
        committed.putAll(positions);
    }

    @Override
    public void close() {
        // Nothing is held open.
    }
}
