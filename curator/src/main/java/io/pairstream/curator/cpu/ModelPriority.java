package io.pairstream.curator.cpu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model first: every thread of the service but the model's (the stream thread, the Kafka
 * clients, the JVM's own, an embedded broker's JVM) runs at a higher nice value, so the scheduler
 * never makes the model thread wait for a core they want and they take the time the model leaves.
 * Left equal, they preempted the model thread about 300 times a second on 2 cores.
 *
 * <p>A thread becomes a model thread when it first embeds, and the others are lowered then. Threads
 * inherit the nice value of the thread that starts them, and only a privileged process may lower
 * a nice value again: a model thread started later by a lowered thread (a task moved back to this
 * instance) is raised back where the process may, and otherwise runs at the others' value, as if
 * this were off. A feeder, a stream thread handing the model batches, keeps the model's value
 * where {@link ModelPlacement} says (when the model has cores of its own). Closing restores what
 * the process may restore.
 */
final class ModelPriority implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelPriority.class);

    private final LinuxThreads threads;
    private final int othersNice;
    private final int modelNice;
    private final Set<Integer> modelThreads = ConcurrentHashMap.newKeySet();
    /** Threads that hand the model its batches and keep its priority (see {@link ModelPlacement#feederStarted}). */
    private final Set<Integer> feeders = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> lowered = new HashMap<>();

    private ModelPriority(LinuxThreads threads, int othersNice, int modelNice) {
        this.threads = threads;
        this.othersNice = othersNice;
        this.modelNice = modelNice;
    }

    /** Others at nice {@code othersNice}, the model at the calling thread's; empty, with the reason logged, where that cannot be. */
    static Optional<ModelPriority> of(int othersNice) {
        List<String> why = new ArrayList<>();
        Optional<ModelPriority> priority = LinuxThreads.load(why).flatMap(threads -> {
            int modelNice = threads.nice(0);
            if (modelNice >= othersNice) {
                why.add("this process already runs at nice " + modelNice);
                return Optional.empty();
            }
            return Optional.of(new ModelPriority(threads, othersNice, modelNice));
        });
        priority.ifPresentOrElse(p -> LOG.info("The model runs at nice {}, everything else at {}", p.modelNice, othersNice),
                () -> LOG.info("The model runs at the same priority as the rest: {}", String.join("; ", why)));
        return priority;
    }

    /** Threads that belong to the model (e.g. a worker pool it started as it loaded). */
    void markModelThreads(Collection<Integer> ids) {
        modelThreads.addAll(ids);
    }

    /** Makes the calling thread a model thread, at the model's nice value where the process may, and lowers every other thread. */
    synchronized void modelThreadStarted() {
        int thread = LinuxThreads.currentThreadId();
        modelThreads.add(thread);
        int nice = threads.nice(0);
        if (nice > modelNice && !threads.setNice(0, modelNice)) {
            LOG.warn("Model thread {} started at nice {}, from a lowered thread, and this process may not set it back to {}; "
                    + "it competes with the rest as an equal", thread, nice, modelNice);
        }
        lowerOthers();
    }

    /**
     * Keeps the calling thread at the model's nice value, now and when the others are lowered;
     * a thread already lowered is raised back where the process may.
     */
    synchronized void feederStarted() {
        int thread = LinuxThreads.currentThreadId();
        feeders.add(thread);
        int nice = threads.nice(0);
        if (nice > modelNice && !threads.setNice(0, modelNice)) {
            LOG.warn("Thread {} feeds the model at nice {}, and this process may not set it back to the model's {}", thread, nice,
                    modelNice);
        }
    }

    /** Sets every thread of this process tree that is neither the model's nor a feeder to the others' nice value. */
    synchronized void lowerOthers() {
        int count = LinuxThreads.changeEachThread(thread -> {
            int nice = threads.nice(thread);
            if (modelThreads.contains(thread) || feeders.contains(thread) || nice >= othersNice || !threads.setNice(thread, othersNice)) {
                return false;
            }
            lowered.putIfAbsent(thread, nice);
            return true;
        });
        LOG.debug("Lowered {} threads to nice {}", count, othersNice);
    }

    @Override
    public String toString() {
        return "the model at nice " + modelNice + ", the rest at " + othersNice;
    }

    /** Gives the lowered threads their nice values back, where the process may. */
    @Override
    public synchronized void close() {
        lowered.forEach(threads::setNice);
        lowered.clear();
    }
}
