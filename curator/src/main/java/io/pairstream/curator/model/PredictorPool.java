package io.pairstream.curator.model;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;

import java.util.ArrayList;
import java.util.List;
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

    /** Predicts {@code inputs} in order, in chunks of at most {@code maxBatchSize}, each chunk as one batch. */
    List<O> batchPredict(List<I> inputs, int maxBatchSize) {
        List<O> outputs = new ArrayList<>(inputs.size());
        for (int start = 0; start < inputs.size(); start += maxBatchSize) {
            List<I> chunk = inputs.subList(start, Math.min(inputs.size(), start + maxBatchSize));
            outputs.addAll(apply(predictor -> {
                try {
                    return predictor.batchPredict(chunk);
                } catch (TranslateException e) {
                    throw new IllegalStateException("model " + model.getName() + " failed on a batch of " + chunk.size(), e);
                }
            }));
        }
        return outputs;
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
