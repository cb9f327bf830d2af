package io.pairstream.topology;

import io.pairstream.topology.clock.StageClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.TopologyTestDriver;

/** A stage clock that moves only with a {@link TopologyTestDriver}'s wall clock, from the same start. */
public final class DriverClock implements StageClock {

    private final long startMillis;
    private long elapsedNanos;

    public DriverClock(Instant start) {
        this.startMillis = start.toEpochMilli();
    }

    @Override
    public long nanoTime() {
        return elapsedNanos;
    }

    @Override
    public long wallClockMillis() {
        return startMillis + elapsedNanos / 1_000_000;
    }

    /** Moves this clock and then the driver's wall clock by {@code elapsed}, so the punctuations it fires see both moved. */
    public void advance(TopologyTestDriver driver, Duration elapsed) {
        elapsedNanos += elapsed.toNanos();
        driver.advanceWallClockTime(elapsed);
    }
}
