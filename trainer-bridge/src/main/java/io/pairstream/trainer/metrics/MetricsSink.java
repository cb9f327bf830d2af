package io.pairstream.trainer.metrics;

import io.pairstream.schemas.records.TrainingMetrics;

/** Where training metrics records go. */
@FunctionalInterface
public interface MetricsSink {

    /** Publishes nothing. */
    MetricsSink NONE = metrics -> { };

    void publish(TrainingMetrics metrics);
}
