package io.pairstream.curator.cpu;

import io.pairstream.topology.model.ClipModel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Where the model's threads run against the rest of the service, on Linux: with
 * {@code model.others.nice} every other thread yields the CPU to them ({@link ModelPriority}); with
 * {@code model.dedicated.cores} they run on cores of their own and the stream threads that feed them
 * on the others, at the model's priority ({@link ModelCores}). A thread becomes a model thread when
 * it first embeds through {@link #wrap}, or by starting while the model loads in {@link #load}, and
 * a feeder when it announces itself ({@link ClipModel#feederStarted}).
 */
public final class ModelPlacement implements AutoCloseable {

    private final Optional<ModelCores> cores;
    private final Optional<ModelPriority> priority;

    private ModelPlacement(Optional<ModelCores> cores, Optional<ModelPriority> priority) {
        this.cores = cores;
        this.priority = priority;
    }

    /**
     * The placement asked for: cores of the model's own when {@code dedicatedCores}, the other
     * threads at nice {@code othersNice} when positive; empty when neither is asked for or possible
     * (the reason is logged).
     */
    public static Optional<ModelPlacement> of(boolean dedicatedCores, int othersNice, int modelThreads) {
        Optional<ModelCores> cores = dedicatedCores ? ModelCores.reserve(modelThreads) : Optional.empty();
        Optional<ModelPriority> priority = othersNice > 0 ? ModelPriority.of(othersNice) : Optional.empty();
        return cores.isEmpty() && priority.isEmpty() ? Optional.empty() : Optional.of(new ModelPlacement(cores, priority));
    }

    /**
     * Loads a model placed as asked: {@code loader} runs on the model cores, and the threads started
     * meanwhile (a worker pool the model starts as it loads) are the model's too; each thread that
     * embeds through the model becomes a model thread, and the others are lowered then. Closing the
     * model undoes the placement where the process may.
     */
    public static ClipModel load(boolean dedicatedCores, int othersNice, int modelThreads, Supplier<ClipModel> loader) {
        Optional<ModelPlacement> placement = of(dedicatedCores, othersNice, modelThreads);
        if (placement.isEmpty()) {
            return loader.get();
        }
        ModelPlacement placed = placement.get();
        try {
            Set<Integer> before = new HashSet<>(LinuxThreads.threadsOfThisProcessTree());
            // On the model cores, but lowering the others waits for the first embedding thread: threads inherit their
            // creator's nice value, so the stream thread that will start it must not have been lowered yet.
            ClipModel model = onNewThread(() -> placed.cores.ifPresent(ModelCores::pinCallingThread), loader);
            Set<Integer> started = new HashSet<>(LinuxThreads.threadsOfThisProcessTree());
            started.removeAll(before);
            placed.priority.ifPresent(p -> p.markModelThreads(started));
            return new PlacedModel(model, placed, true);
        } catch (RuntimeException e) {
            placed.close();
            throw e;
        }
    }

    /** Makes the calling thread a model thread: on the model cores, ahead of the others. */
    void modelThreadStarted() {
        cores.ifPresent(ModelCores::pinCallingThread);
        priority.ifPresent(ModelPriority::modelThreadStarted);
    }

    /**
     * Makes the calling thread a feeder of the model (a stream thread handing it batches). With
     * cores of the model's own, the feeder runs on the other cores, where it never competes with
     * the model, and keeps the model's priority over the rest of the service: at their nice value
     * it waited for a core 13-18% of a burst, behind the broker and the clients or behind the
     * model on its core, and left the model without a batch. Without them it yields to the model
     * with the rest.
     */
    void feederStarted() {
        if (cores.isPresent()) {
            cores.get().pinFeeder();
            priority.ifPresent(ModelPriority::feederStarted);
        }
    }

    /** Runs {@code work} on a new model thread and returns what it returns (e.g. the model alone, measured as the pipeline runs it). */
    public <T> T onModelThread(Supplier<T> work) {
        return onNewThread(this::modelThreadStarted, work);
    }

    /** Runs {@code place}, then {@code work}, on a new thread, and returns what {@code work} returns. */
    private static <T> T onNewThread(Runnable place, Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(() -> {
            place.run();
            return work.get();
        });
        Thread thread = new Thread(task, "pairstream-model-placed");
        thread.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for work on a model thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code model}, making each thread that embeds through it a model thread; closing it leaves the model open. */
    public ClipModel wrap(ClipModel model) {
        return new PlacedModel(model, this, false);
    }

    /** A description for logs and benchmarks, e.g. "the model on cores {1}, its feeders on {0}; the model at nice 0, the rest at 19". */
    @Override
    public String toString() {
        String onCores = cores.map(c -> "the model on cores " + c.modelCores() + ", its feeders on " + c.otherCores()).orElse("");
        String nice = priority.map(ModelPriority::toString).orElse("");
        return onCores.isEmpty() ? nice : nice.isEmpty() ? onCores : onCores + "; " + nice;
    }

    /** Gives the threads their cores and, where the process may, their nice values back. */
    @Override
    public void close() {
        try {
            cores.ifPresent(ModelCores::close);
        } finally {
            priority.ifPresent(ModelPriority::close);
        }
    }
}
