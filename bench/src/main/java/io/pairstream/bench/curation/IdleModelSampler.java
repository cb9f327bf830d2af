package io.pairstream.bench.curation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * What the stream thread was doing while the model waited for work: every few milliseconds, when
 * the model has been idle for longer than a sampling period, it records the stream thread's state
 * and where it was (its innermost frames of pairstream, of Kafka Streams and of the Kafka clients,
 * and its innermost frame), and tells the most frequent as shares of all the samples; samples
 * taken while the model embeds, or in a gap's first period, count only towards the total.
 */
final class IdleModelSampler implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long PERIOD_NANOS = 5_000_000;
    private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+");

    private final TimedModel model;
    private final Map<String, Integer> idle = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private int samples;

    IdleModelSampler(TimedModel model) {
        this.model = model;
        Thread sampler = new Thread(this::run, "bench-idle-model-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (running.get()) {
            long since = model.idleSinceNanos();
            synchronized (this) {
                samples++;
                if (since >= 0 && System.nanoTime() - since > PERIOD_NANOS) {
                    idle.merge(streamThreadPlace(), 1, Integer::sum);
                }
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    /** The stream thread's state, its innermost pairstream, Kafka Streams and Kafka clients frames, and its innermost frame. */
    private static String streamThreadPlace() {
        for (ThreadInfo named : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (named == null || !isStreamThread(named.getThreadName())) {
                continue;
            }
            ThreadInfo info = THREADS.getThreadInfo(named.getThreadId(), Integer.MAX_VALUE);
            if (info == null) {
                continue;
            }
            StackTraceElement[] stack = info.getStackTrace();
            String top = stack.length == 0 ? "-" : shortFrame(stack[0]);
            return String.join(" | ", info.getThreadState().toString(), innermost(stack, "io.pairstream."),
                    innermost(stack, "org.apache.kafka.streams."), innermost(stack, "org.apache.kafka.clients."), top);
        }
        return "no stream thread";
    }

    /**
     * Whether {@code name} is a Kafka Streams stream thread's ("...-StreamThread-1"), not one of its
     * clients' threads, whose names contain it too ("kafka-producer-network-thread | ...-StreamThread-1-producer").
     */
    static boolean isStreamThread(String name) {
        return STREAM_THREAD.matcher(name).matches();
    }

    /** The innermost frame of a class under {@code prefix}, or "-". */
    private static String innermost(StackTraceElement[] stack, String prefix) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(prefix)) {
                return shortFrame(frame);
            }
        }
        return "-";
    }

    private static String shortFrame(StackTraceElement frame) {
        String className = frame.getClassName();
        return className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    /** The {@code top} most frequent places, with their share of all samples, one per line. */
    synchronized List<String> top(int top) {
        int total = Math.max(1, samples);
        return idle.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())).limit(top)
                .map(e -> String.format(Locale.ROOT, "%5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey())).toList();
    }

    @Override
    public void close() {
        running.set(false);
    }
}
