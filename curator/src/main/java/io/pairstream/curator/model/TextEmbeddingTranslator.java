package io.pairstream.curator.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;

import io.pairstream.topology.vector.VectorUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tokenizes texts into the inputs a Hugging Face style ONNX text model declares ({@code input_ids},
 * {@code attention_mask}, {@code token_type_ids}, whichever it has) and turns its output into
 * L2-normalised vectors. Batches are padded here rather than by a batchifier, because texts of
 * one batch have different token counts.
 */
final class TextEmbeddingTranslator extends BatchEmbeddingTranslator<String> {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String MASK_ATTACHMENT = "attentionMask";

    private final BatchTokenizer tokenizer;
    private final String outputName;
    private final Pooling pooling;
    /** Set by {@link #prepare} of every predictor sharing this translator, always to the same list. */
    private volatile List<String> inputNames;

    TextEmbeddingTranslator(BatchTokenizer tokenizer, String outputName, Pooling pooling) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer cannot be null");
        this.outputName = outputName;
        this.pooling = Objects.requireNonNull(pooling, "pooling cannot be null");
    }

    @Override
    public void prepare(TranslatorContext ctx) {
        List<String> declared = ctx.getModel().describeInput().keys();
        Set<String> known = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);
        for (String name : declared) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("text model input '" + name + "' is not one of " + known);
            }
        }
        inputNames = List.copyOf(declared);
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<String> inputs) {
        BatchTokenizer.Batch batch = tokenizer.tokenize(inputs);
        long[] mask = batch.mask();
        ctx.setAttachment(MASK_ATTACHMENT, mask);
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch.rows(), batch.length());
        NDList list = new NDList(inputNames.size());
        for (String name : inputNames) {
            long[] values = name.equals(INPUT_IDS) ? batch.ids() : name.equals(ATTENTION_MASK) ? mask : batch.types();
            NDArray array = manager.create(values, shape);
            array.setName(name);
            list.add(array);
        }
        return list;
    }

    @Override
    public List<float[]> batchProcessOutput(TranslatorContext ctx, NDList list) {
        NDArray output = output(list, outputName);
        long[] shape = output.getShape().getShape();
        if (pooling == Pooling.MEAN) {
            float[] values = output.toFloatArray();
            int batch = (int) shape[0];
            List<float[]> vectors = new ArrayList<>(batch);
            long[] mask = (long[]) ctx.getAttachment(MASK_ATTACHMENT);
            int tokens = (int) shape[1];
            int dim = (int) shape[2];
            for (int b = 0; b < batch; b++) {
                vectors.add(VectorUtil.l2Normalise(meanOverMask(values, mask, b, tokens, dim)));
            }
            return vectors;
        }
        return normalizedRows(output);
    }

    private static float[] meanOverMask(float[] values, long[] mask, int b, int tokens, int dim) {
        float[] sum = new float[dim];
        int counted = 0;
        for (int t = 0; t < tokens; t++) {
            if (mask[b * tokens + t] == 0) {
                continue;
            }
            counted++;
            int offset = (b * tokens + t) * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += values[offset + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            sum[d] /= Math.max(counted, 1);
        }
        return sum;
    }
}
