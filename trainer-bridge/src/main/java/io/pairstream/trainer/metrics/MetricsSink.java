package io.pairstream.trainer.metrics;

import io.pairstream.schemas.records.TrainingMetrics;

/** Where training metrics records go. */
@FunctionalInterface
public interface MetricsSink {

    void publish(TrainingMetrics metrics);
}
