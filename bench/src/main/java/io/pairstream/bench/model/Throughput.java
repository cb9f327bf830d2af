package io.pairstream.bench.model;

/** Items per second of a batch operation, measured after a warm-up for at least a minimum time. */
final class Throughput {

    private final double minSeconds;

    Throughput(double minSeconds) {
        this.minSeconds = minSeconds;
    }

    /** Runs {@code batch} (which handles {@code itemsPerCall} items) repeatedly and returns items per second. */
    double measure(int itemsPerCall, Runnable batch) {
        long warmUpEnd = System.nanoTime() + (long) (minSeconds * 0.25e9);
        do {
            batch.run();
        } while (System.nanoTime() < warmUpEnd);
        long start = System.nanoTime();
        long end = start + (long) (minSeconds * 1e9);
        long calls = 0;
        long now;
        do {
            batch.run();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        return calls * itemsPerCall / ((now - start) / 1e9);
    }

    /**
     * Items per second of two ways of doing the same batch, timed call by call in alternation so that
     * load from other processes falls on both alike; returns {@code {first, second}}.
     */
    double[] measurePaired(int itemsPerCall, Runnable first, Runnable second) {
        long warmUpEnd = System.nanoTime() + (long) (minSeconds * 0.25e9);
        do {
            first.run();
            second.run();
        } while (System.nanoTime() < warmUpEnd);
        long firstNanos = 0;
        long secondNanos = 0;
        long calls = 0;
        long end = System.nanoTime() + (long) (2 * minSeconds * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            first.run();
            long t1 = System.nanoTime();
            second.run();
            long t2 = System.nanoTime();
            firstNanos += t1 - t0;
            secondNanos += t2 - t1;
            calls++;
        }
        return new double[] {calls * itemsPerCall / (firstNanos / 1e9), calls * itemsPerCall / (secondNanos / 1e9)};
    }
}
