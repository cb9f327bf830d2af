package io.pairstream.trainer.source;

import io.pairstream.schemas.records.PositivePair;
import org.apache.kafka.common.TopicPartition;

/** A pair with the stream position it was read from. */
public record SourcedPair(TopicPartition partition, long offset, PositivePair pair) {
}
