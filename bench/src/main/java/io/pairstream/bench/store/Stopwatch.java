package io.pairstream.bench.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wall-clock time and the calling thread's CPU time since {@link #start()}. The machines these
 * benchmarks run on are shared, so wall time swings with other load; the CPU time of the one
 * measuring thread is the steadier figure (the Python peers report theirs the same way).
 */
final class Stopwatch {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wallStart;
    private final long cpuStart;

    private Stopwatch(long wallStart, long cpuStart) {
        this.wallStart = wallStart;
        this.cpuStart = cpuStart;
    }

    static Stopwatch start() {
        return new Stopwatch(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
    }

    double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    double cpuSeconds() {
        return (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    }
}
