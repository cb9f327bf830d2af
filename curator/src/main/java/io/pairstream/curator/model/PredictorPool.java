package io.pairstream.curator.model;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Predictors for one model shared by many threads. A DJL {@link Predictor} is not thread-safe, so
 * each call borrows an idle one (or makes a new one) and returns it afterwards; the pool therefore
 * grows to the number of threads that ever called at once and no further.
 */
final class PredictorPool<I, O> implements AutoCloseable {

    private final ZooModel<I, O> model;
    private final Queue<Predictor<I, O>> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    PredictorPool(ZooModel<I, O> model) {
        this.model = Objects.requireNonNull(model, "model cannot be null");
    }

    /** Runs {@code work} with a predictor that no other thread uses meanwhile. */
    <R> R apply(Function<Predictor<I, O>, R> work) {
        if (closed) {
            throw new IllegalStateException("model " + model.getName() + " is closed");
        }
        Predictor<I, O> predictor = idle.poll();
        if (predictor == null) {
            predictor = model.newPredictor();
        }
        try {
            return work.apply(predictor);
        } finally {
            idle.offer(predictor);
        }
    }

    ZooModel<I, O> model() {
        return model;
    }

    /** Closes the predictors, then the model they belong to. */
    @Override
    public void close() {
        closed = true;
        for (Predictor<I, O> predictor; (predictor = idle.poll()) != null; ) {
            predictor.close();
        }
        model.close();
    }
}
