package io.pairstream.curator.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

import io.pairstream.topology.vector.VectorUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * A translator that builds whole batches itself (padding texts, filling one pixel buffer) and turns
 * model outputs into L2-normalised vectors; a single input is a batch of one. The {@link Batchifier}
 * is only there so DJL's predictor hands over whole batches.
 */
abstract class BatchEmbeddingTranslator<I> implements Translator<I, float[]> {

    @Override
    public final Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    @Override
    public final NDList processInput(TranslatorContext ctx, I input) {
        return batchProcessInput(ctx, List.of(input));
    }

    @Override
    public final float[] processOutput(TranslatorContext ctx, NDList list) {
        return batchProcessOutput(ctx, list).get(0);
    }

    @Override
    public abstract NDList batchProcessInput(TranslatorContext ctx, List<I> inputs);

    @Override
    public abstract List<float[]> batchProcessOutput(TranslatorContext ctx, NDList list);

    /** The output called {@code name}, or the first output when {@code name} is {@code null}. */
    static NDArray output(NDList list, String name) {
        NDArray output = name == null ? list.get(0) : list.get(name);
        if (output == null) {
            throw new IllegalStateException("model has no output named '" + name + "'");
        }
        return output;
    }

    /** The rows of a [batch, dim] array, each L2-normalised. */
    static List<float[]> normalizedRows(NDArray output) {
        long[] shape = output.getShape().getShape();
        if (shape.length != 2) {
            throw new IllegalStateException("expected embeddings of shape [batch, dim], got " + output.getShape());
        }
        float[] values = output.toFloatArray();
        int batch = (int) shape[0];
        int dim = (int) shape[1];
        List<float[]> vectors = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[] v = new float[dim];
            System.arraycopy(values, b * dim, v, 0, dim);
            vectors.add(VectorUtil.l2Normalise(v));
        }
        return vectors;
    }
}
