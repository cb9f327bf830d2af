package io.pairstream.curator.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.schemas.records.RejectionReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordLinesTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void shouldPrintAPositivePairWithScoresCaptionsAndLabels() {
        PositivePair pair = PositivePair.newBuilder().setAnchorId("a1").setPositiveId("p7").setStrategy(PairStrategy.TEXT_GUIDED).setRank(1)
                .setTextSimilarity(0.9123f).setImageSimilarity(0.7f).setCrossSimilarity(0.31f).setSimilarityPercentile(83f)
                .setModelVersion("m").setFalseNegativeHints(List.of()).setAnchorCaption("a photo of trousers").setPositiveCaption("trousers")
                .setAnchorLabel("Trouser").setPositiveLabel("Trouser").setAnchorSource("fashion-mnist").setPositiveSource("fashion-mnist")
                .setAnchorEventTime(T).setEmittedAt(T).build();
        assertEquals("03:04:05.678 positive  a1 -> p7  TEXT_GUIDED #1  text 0.912  image 0.700  cross 0.310  p83  "
                + "\"a photo of trousers\" ~ \"trousers\"  [Trouser = Trouser]", RecordLines.format(pair));
    }

    @Test
    void shouldPrintARejectionWithItsReasonAndScores() {
        RejectedPair rejected = RejectedPair.newBuilder().setPairId("x").setReason(RejectionReason.LOW_ALIGNMENT).setDetail("0.05 < 0.2")
                .setAlignmentScore(0.05f).setAlignmentThreshold(0.2f).setCaption("a cat").setLabel(null).setSource("s").setModelVersion("m")
                .setEventTime(T).setRejectedAt(T).build();
        assertEquals("03:04:05.678 rejected  x  LOW_ALIGNMENT  alignment 0.050 (threshold 0.200)  \"a cat\"  0.05 < 0.2", RecordLines.format(rejected));
    }

    @Test
    void shouldPrintADeadLetterWithWhereAndWhy() {
        DeadLetter letter = DeadLetter.newBuilder().setTopic("pairs.raw").setPartition(0).setOffset(42).setStage("decode")
                .setErrorClass("SerializationException").setErrorMessage("unknown magic byte").setOriginalHeaders(Map.of()).setFailedAt(T).build();
        assertEquals("03:04:05.678 dead      pairs.raw[0]@42  decode  SerializationException: unknown magic byte", RecordLines.format(letter));
    }
}
