package io.pairstream.bench.curation;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.model.ForwardingClipModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A model that counts the wall time spent inside it, so a benchmark can tell how much of a run
 * the model was embedding and how much it waited for work, and in which gaps between its calls.
 * Closing it leaves the model open.
 */
final class TimedModel extends ForwardingClipModel {

    private final AtomicLong busyNanos = new AtomicLong();
    /** Each gap between two calls, as {start, length} in {@link System#nanoTime()} nanoseconds. */
    private final List<long[]> gaps = new ArrayList<>();
    private long lastEnd = System.nanoTime();
    private volatile boolean inCall;

    TimedModel(ClipModel model) {
        super(model);
    }

    /** Wall time spent embedding so far, summed over calls. */
    long busyNanos() {
        return busyNanos.get();
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        return timed(() -> super.embedImages(encodedImages));
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        return timed(() -> super.embedTexts(texts));
    }

    /**
     * The gaps between calls since {@code sinceNanos} (a {@link System#nanoTime()} reading) that
     * lasted over a millisecond, as text: how many, their total and quantiles, the share of the time
     * in gaps over {@code longMillis}, and the idle time since the last call.
     */
    synchronized String idleSince(long sinceNanos, long longMillis) {
        long now = System.nanoTime();
        long[] lengths = gaps.stream().filter(gap -> gap[0] + gap[1] > sinceNanos)
                .mapToLong(gap -> gap[1] - Math.max(0, sinceNanos - gap[0])).filter(length -> length > 1_000_000).sorted().toArray();
        long total = Arrays.stream(lengths).sum();
        long longOnes = Arrays.stream(lengths).filter(length -> length > longMillis * 1_000_000).sum();
        double seconds = (now - sinceNanos) / 1e9;
        return String.format(Locale.ROOT, "the model idle in %d gaps of over 1 ms between calls, %.1f%% of the time "
                        + "(p50 %.1f ms, p90 %.1f ms, longest %.1f ms; %.1f%% in gaps over %d ms), and %.1f%% since its last call",
                lengths.length, 100 * total / 1e9 / seconds, quantile(lengths, 0.5), quantile(lengths, 0.9), quantile(lengths, 1.0),
                100 * longOnes / 1e9 / seconds, longMillis, 100 * (now - Math.max(lastEnd, sinceNanos)) / 1e9 / seconds);
    }

    /** Since when (a {@link System#nanoTime()} reading) the model has been idle, or -1 while it embeds. */
    synchronized long idleSinceNanos() {
        return inCall ? -1 : lastEnd;
    }

    private static double quantile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    private List<Embedding> timed(Supplier<List<Embedding>> call) {
        long start = System.nanoTime();
        synchronized (this) {
            gaps.add(new long[] {lastEnd, start - lastEnd});
            inCall = true;
        }
        try {
            return call.get();
        } finally {
            long end = System.nanoTime();
            busyNanos.addAndGet(end - start);
            synchronized (this) {
                lastEnd = end;
                inCall = false;
            }
        }
    }
}
