package io.pairstream.curator.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * RGB images in, L2-normalised vectors out, for any image tower taking a [batch, 3, size, size]
 * float tensor. A batch is written straight into one buffer instead of stacking per-image arrays,
 * which saves a copy per image on the engines that cannot stack natively.
 */
final class ImageEmbeddingTranslator extends BatchEmbeddingTranslator<BufferedImage> {

    private final ImagePreprocessor preprocessor;
    private final String outputName;

    ImageEmbeddingTranslator(ImagePreprocessor preprocessor, String outputName) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor cannot be null");
        this.outputName = outputName;
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<BufferedImage> inputs) {
        int length = preprocessor.tensorLength();
        float[] batch = new float[inputs.size() * length];
        for (int i = 0; i < inputs.size(); i++) {
            preprocessor.toTensor(inputs.get(i), batch, i * length);
        }
        int size = preprocessor.size();
        return new NDList(ctx.getNDManager().create(batch, new Shape(inputs.size(), 3, size, size)));
    }

    @Override
    public List<float[]> batchProcessOutput(TranslatorContext ctx, NDList list) {
        return normalizedRows(output(list, outputName));
    }
}
