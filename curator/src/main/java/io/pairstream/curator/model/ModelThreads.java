package io.pairstream.curator.model;

import ai.djl.repository.zoo.Criteria;

/** How many threads a model runs one batch on. */
public final class ModelThreads {

    private ModelThreads() {
    }

    /**
     * All cores but one, at least one: the model embeds a batch on its own thread(s) while the
     * stream thread aligns, selects and stores the previous one, and each needs a core to itself.
     * (On 2 cores, one ONNX Runtime thread also keeps its pool from spinning on the stream's core.)
     */
    public static int leavingOneCore() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * Runs an ONNX Runtime model on {@code threads} intra-op threads (one inter-op thread). With one,
     * it runs on the calling thread and keeps no pool of workers spinning between batches.
     */
    static <I, O> Criteria.Builder<I, O> onOnnxRuntime(Criteria.Builder<I, O> criteria, int threads) {
        return criteria.optEngine("OnnxRuntime")
                .optOption("intraOpNumThreads", Integer.toString(threads))
                .optOption("interOpNumThreads", "1");
    }

    /** {@code configured}, or {@link #leavingOneCore()} when it is 0 (automatic). */
    public static int resolve(int configured) {
        if (configured < 0) {
            throw new IllegalArgumentException("model threads cannot be negative, was " + configured);
        }
        return configured == 0 ? leavingOneCore() : configured;
    }
}
