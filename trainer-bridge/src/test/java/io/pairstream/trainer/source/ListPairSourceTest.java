package io.pairstream.trainer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pairstream.schemas.records.PositivePair;
import io.pairstream.trainer.TestPairs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ListPairSourceTest {

    private static final List<PositivePair> PAIRS = List.of(TestPairs.simple("a", "x", 1), TestPairs.simple("b", "y", 2),
            TestPairs.simple("c", "z", 3));
    private static final TopicPartition PARTITION = new TopicPartition("dump", 0);

    @Test
    void shouldServeTheListOncePerEpochInBoundedPolls() {
        try (ListPairSource source = new ListPairSource("dump", PAIRS, 2, 2)) {
            source.start(Map.of());
            assertEquals(List.of("a", "b"), anchors(source.poll(Duration.ZERO)));
            assertEquals(List.of("c", "a"), anchors(source.poll(Duration.ZERO)));
            List<SourcedPair> last = source.poll(Duration.ZERO);
            assertEquals(List.of("b", "c"), anchors(last));
            assertEquals(5, last.get(1).offset());
            assertEquals(List.of(), source.poll(Duration.ZERO));
        }
    }

    @Test
    void shouldResumeAtTheGivenPositionElseTheCommittedOne() {
        try (ListPairSource source = new ListPairSource("dump", PAIRS, 10, 1)) {
            source.commit(Map.of(PARTITION, 1L));
            source.start(Map.of());
            assertEquals(List.of("b", "c"), anchors(source.poll(Duration.ZERO)));
            source.start(Map.of(PARTITION, 2L));
            assertEquals(List.of("c"), anchors(source.poll(Duration.ZERO)));
        }
    }

    private static List<String> anchors(List<SourcedPair> pairs) {
        return pairs.stream().map(p -> p.pair().getAnchorId().toString()).toList();
    }
}
