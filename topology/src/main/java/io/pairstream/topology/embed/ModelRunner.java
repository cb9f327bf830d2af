package io.pairstream.topology.embed;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Runs model batches either on the calling thread or on a model thread of its own. On its own
 * thread the model embeds one batch while the stream thread aligns, selects and stores the
 * previous one, so a pipeline with a slow model is as fast as the slower of the two, not their sum.
 */
final class ModelRunner implements AutoCloseable {

    /** A batch's embeddings, in the batch's order. */
    record Embeddings(List<Embedding> images, List<Embedding> texts) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ClipModel model;
    private final ExecutorService thread;
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    /** {@code threadName} null runs every batch on the caller's thread; else the caller becomes the model's feeder. */
    ModelRunner(ClipModel model, String threadName) {
        this.model = model;
        this.thread = threadName == null ? null : Executors.newSingleThreadExecutor(task -> {
            Thread worker = new Thread(task, threadName);
            worker.setDaemon(true);
            return worker;
        });
        if (thread != null) {
            model.feederStarted();
        }
    }

    /** Starts embedding {@code images} and {@code captions}; on the caller's thread the result is ready on return. */
    Future<Embeddings> submit(List<byte[]> images, List<String> captions) {
        if (thread == null) {
            return CompletableFuture.completedFuture(embed(images, captions));
        }
        return thread.submit(() -> embed(images, captions));
    }

    /** Waits for a submitted batch; a model failure is rethrown as it was thrown, so Streams handles it as before. */
    static Embeddings await(Future<Embeddings> embeddings) {
        try {
            return embeddings.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting for a model batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StreamsException("the model failed on a batch", e.getCause());
        }
    }

    private Embeddings embed(List<byte[]> images, List<String> captions) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            return new Embeddings(model.embedImages(images), model.embedTexts(captions));
        } finally {
            busyNanos.addAndGet(System.nanoTime() - start);
            cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
            batches.incrementAndGet();
        }
    }

    /** Time spent embedding so far, over all batches. */
    long busyNanos() {
        return busyNanos.get();
    }

    /**
     * CPU time the embedding thread itself spent embedding so far (model work on other threads not
     * counted); well below {@link #busyNanos()} on a one-thread model, the thread waited for a core.
     */
    long cpuNanos() {
        return cpuNanos.get();
    }

    /** Batches embedded so far. */
    long batches() {
        return batches.get();
    }

    /** Stops the model thread; a batch still running is abandoned (its records stay buffered). */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
