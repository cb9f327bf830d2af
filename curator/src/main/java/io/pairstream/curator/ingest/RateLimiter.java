package io.pairstream.curator.ingest;

import java.util.function.LongSupplier;

/**
 * Paces calls to a steady rate: the n-th {@link #acquire} returns no earlier than n / rate seconds
 * after the first, so a slow moment is made up for by running at full speed until back on schedule.
 */
public final class RateLimiter {

    /** Waits a number of nanoseconds; a test substitutes one that only advances its clock. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double nanosPerPermit;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long start = Long.MIN_VALUE;
    private long granted;

    RateLimiter(double permitsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + permitsPerSecond);
        }
        this.nanosPerPermit = 1e9 / permitsPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    static RateLimiter perSecond(double permitsPerSecond) {
        return new RateLimiter(permitsPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** Blocks until the next permit is due. */
    void acquire() throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (start == Long.MIN_VALUE) {
            start = now;
        }
        long due = start + (long) (granted * nanosPerPermit);
        granted++;
        if (due > now) {
            sleeper.sleepNanos(due - now);
        }
    }
}
