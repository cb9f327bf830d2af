package io.pairstream.trainer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.trainer.TestPairs;
import io.pairstream.trainer.config.PositiveGuidance;
import io.pairstream.trainer.source.SourcedPair;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

    private static final ImageFormat FORMAT = new ImageFormat(28, 1);
    private static final TopicPartition P0 = new TopicPartition("pairs.positive", 0);
    private static final TopicPartition P1 = new TopicPartition("pairs.positive", 1);

    @Test
    void shouldFillABatchWithDistinctAnchorsAndCountTheRestAsSkipped() {
        BatchAssembler assembler = new BatchAssembler(FORMAT, PositiveGuidance.ANY, true, 2);

        assertTrue(assembler.offer(record(P0, 10, TestPairs.simple("a", "x", 1))));
        assertFalse(assembler.offer(record(P0, 11, TestPairs.simple("a", "y", 1))), "second positive of the same anchor");
        assertTrue(assembler.offer(record(P1, 5, TestPairs.simple("b", "z", 2))));
        MiniBatch batch = assembler.drain();

        assertEquals(List.of("a", "b"), batch.pairs().stream().map(TrainingPair::anchorId).toList());
        assertEquals(1, batch.skipped());
        assertEquals(Map.of(P0, 12L, P1, 6L), batch.positions());
        assertEquals(FORMAT.length(), batch.pairs().get(0).anchorPixels().length);
    }

    @Test
    void shouldSkipPairsOfAnotherGuidanceAndPairsWithoutTheImagesTheStrategyNeeds() {
        BatchAssembler textOnly = new BatchAssembler(FORMAT, PositiveGuidance.TEXT, true, 2);
        PositivePair imageGuided = TestPairs.pair("a", "x", TestPairs.png(TestPairs.shape(1, 1)), TestPairs.png(TestPairs.shape(1, 2)),
                PairStrategy.IMAGE_GUIDED, List.of(), 50, "1", "1");
        PositivePair noPositiveImage = TestPairs.pair("b", "y", TestPairs.png(TestPairs.shape(1, 1)), null,
                PairStrategy.TEXT_GUIDED, List.of(), 50, "1", "1");
        PositivePair undecodable = TestPairs.pair("c", "z", new byte[] {1, 2, 3}, TestPairs.png(TestPairs.shape(1, 2)),
                PairStrategy.TEXT_GUIDED, List.of(), 50, "1", "1");

        assertFalse(textOnly.offer(record(P0, 0, imageGuided)));
        assertFalse(textOnly.offer(record(P0, 1, noPositiveImage)));
        assertFalse(textOnly.offer(record(P0, 2, undecodable)));

        BatchAssembler anchorsOnly = new BatchAssembler(FORMAT, PositiveGuidance.ANY, false, 2);
        assertTrue(anchorsOnly.offer(record(P0, 1, noPositiveImage)));
        assertFalse(anchorsOnly.isFull());
    }

    @Test
    void shouldRefuseToDrainAPartialBatchOrOverfillAFullOne() {
        BatchAssembler assembler = new BatchAssembler(FORMAT, PositiveGuidance.ANY, false, 2);
        assembler.offer(record(P0, 0, TestPairs.simple("a", "x", 1)));
        assertThrows(IllegalStateException.class, assembler::drain);
        assembler.offer(record(P0, 1, TestPairs.simple("b", "x", 1)));
        assertThrows(IllegalStateException.class, () -> assembler.offer(record(P0, 2, TestPairs.simple("c", "x", 1))));
    }

    private static SourcedPair record(TopicPartition partition, long offset, PositivePair pair) {
        return new SourcedPair(partition, offset, pair);
    }
}
