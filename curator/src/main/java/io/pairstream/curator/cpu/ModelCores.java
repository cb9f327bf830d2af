package io.pairstream.curator.cpu;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cores of the model's own: the model's threads run on the last {@code model.threads} cores this
 * process may use, and the stream threads that feed it on the others. Left to the scheduler, the
 * stream thread preempted the model thread hundreds of times a second on a 2-core machine, or,
 * woken on the model's core at a lower priority, queued behind it for tens of milliseconds. The
 * rest of the service (the Kafka clients, the JVM's own threads, an embedded broker) may run on any
 * core, at {@code model.others.nice}: it takes what the model and its feeders leave, which on 2
 * cores is most of the model's core while the stream, not the model, is the bottleneck (the
 * demo's small store). Confined to the other core, it cut the demo from 166 to 67 records/s.
 *
 * <p>A thread is moved to the model cores when it first embeds, and a feeder to the others when it
 * announces itself ({@link ModelPlacement}); threads they start (a model's worker pool) inherit
 * them. {@link #close} gives every thread the cores it could use before.
 */
final class ModelCores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCores.class);

    /** Which cores go to the model and which to the rest. */
    record Split(BitSet model, BitSet others) {
    }

    private final LinuxThreads threads;
    private final BitSet allowed;
    private final Split split;

    private ModelCores(LinuxThreads threads, BitSet allowed, Split split) {
        this.threads = threads;
        this.allowed = allowed;
        this.split = split;
    }

    /**
     * The last {@code modelThreads} of the cores this process may use, for the model; empty, with
     * the reason logged, where that leaves no core for the rest or the platform cannot place threads.
     */
    static Optional<ModelCores> reserve(int modelThreads) {
        List<String> why = new ArrayList<>();
        Optional<ModelCores> cores = LinuxThreads.load(why).flatMap(threads -> {
            BitSet allowed = threads.get(0);
            Optional<Split> split = split(allowed, modelThreads);
            if (split.isEmpty()) {
                why.add("the model's " + modelThreads + " thread(s) would leave none of the " + allowed.cardinality()
                        + " core(s) " + allowed + " to the rest");
            }
            return split.map(s -> new ModelCores(threads, allowed, s));
        });
        cores.ifPresentOrElse(c -> LOG.info("The model runs on cores {}, the stream threads that feed it on {}", c.split.model, c.split.others),
                () -> LOG.info("The model shares the cores with the rest: {}", String.join("; ", why)));
        return cores;
    }

    /** The last {@code modelThreads} cores of {@code allowed} for the model, the others for the rest; empty if no core is left. */
    static Optional<Split> split(BitSet allowed, int modelThreads) {
        if (modelThreads < 1 || allowed.cardinality() <= modelThreads) {
            return Optional.empty();
        }
        BitSet model = new BitSet();
        for (int core = allowed.length() - 1; model.cardinality() < modelThreads; core = allowed.previousSetBit(core - 1)) {
            model.set(core);
        }
        BitSet others = (BitSet) allowed.clone();
        others.andNot(model);
        return Optional.of(new Split(model, others));
    }

    BitSet modelCores() {
        return (BitSet) split.model.clone();
    }

    BitSet otherCores() {
        return (BitSet) split.others.clone();
    }

    /** Moves the calling thread, a feeder of the model, to the other cores. */
    void pinFeeder() {
        threads.set(0, split.others);
    }

    /** Moves the calling thread to the model cores. */
    void pinCallingThread() {
        threads.set(0, split.model);
    }

    /** Gives every thread of this process tree the cores this process could use before. */
    @Override
    public void close() {
        LinuxThreads.changeEachThread(thread -> threads.set(thread, allowed));
    }
}
