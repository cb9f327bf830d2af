package io.pairstream.bench.curation;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where the stream thread's loop spent an interval, from Kafka Streams' own thread metrics: the
 * shares of processing (the model's wait included, as the stream thread waits for a batch inside
 * a process call), punctuating, polling and committing over the metrics' rolling window, and the
 * commits' count, mean and longest latency over the interval's end, and the time it was blocked on
 * Kafka over the whole interval. The rolling window is {@link #SAMPLE_WINDOW_MS} times
 * {@link #SAMPLES} (the pipeline's {@code metrics.*} settings, which the benchmark sets), so a
 * reading at the end of a burst of a minute covers the burst, not the idle time before it.
 */
final class StreamThreadLoop {

    /** The pipeline's {@code metrics.sample.window.ms}: ratios and latencies cover the last few of these. */
    static final long SAMPLE_WINDOW_MS = 10_000;
    /** The pipeline's {@code metrics.num.samples}. */
    static final int SAMPLES = 3;

    private static final String GROUP = "stream-thread-metrics";

    private final KafkaStreams streams;
    private final long wallStart = System.nanoTime();
    private final double blockedStart;

    StreamThreadLoop(KafkaStreams streams) {
        this.streams = streams;
        this.blockedStart = sum("blocked-time-ns-total");
    }

    /** The loop's shares, commit figures and blocked time since creation, as text. */
    @Override
    public String toString() {
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        return String.format(Locale.ROOT, "stream thread loop over the last %d s: process %.2f (waits for the model included), "
                        + "punctuate %.2f, poll %.2f, commit %.2f; %.1f commits/s, %.1f ms each on average, %.1f ms the longest; "
                        + "blocked on Kafka %.2f of the burst", SAMPLE_WINDOW_MS * SAMPLES / 1000, sum("process-ratio"),
                sum("punctuate-ratio"), sum("poll-ratio"), sum("commit-ratio"), sum("commit-rate"), sum("commit-latency-avg"),
                sum("commit-latency-max"), (sum("blocked-time-ns-total") - blockedStart) / 1e9 / seconds);
    }

    /** The metric {@code name} of the thread group, summed over the stream threads (NaN where it has no value yet). */
    private double sum(String name) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            if (entry.getKey().group().equals(GROUP) && entry.getKey().name().equals(name)
                    && entry.getValue().metricValue() instanceof Number value) {
                total += value.doubleValue();
            }
        }
        return total;
    }
}
