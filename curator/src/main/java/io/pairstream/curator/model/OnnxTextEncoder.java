package io.pairstream.curator.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A text tower: a Hugging Face {@code tokenizer.json} and an ONNX text model run through DJL's ONNX
 * Runtime engine, giving one L2-normalised vector per text. Thread-safe; texts longer than the
 * context length are truncated (callers that must reject them ask {@link #tokenCount} first).
 */
public final class OnnxTextEncoder implements AutoCloseable {

    private final PredictorPool<String, float[]> predictors;
    private final BatchTokenizer tokenizer;
    private final HuggingFaceTokenizer counter;
    private final int contextLength;
    private final int maxBatchSize;
    private final int dimension;

    private OnnxTextEncoder(Builder builder) throws IOException, ModelNotFoundException, MalformedModelException {
        this.contextLength = builder.contextLength;
        this.maxBatchSize = builder.maxBatchSize;
        this.tokenizer = BatchTokenizer.load(builder.tokenizerPath, contextLength, builder.padToContextLength);
        this.counter = HuggingFaceTokenizer.builder()
                .optTokenizerPath(builder.tokenizerPath)
                .optTruncation(false)
                .optPadding(false)
                .build();
        Criteria.Builder<String, float[]> criteria = Criteria.builder()
                .setTypes(String.class, float[].class)
                .optModelPath(builder.modelPath)
                .optEngine("OnnxRuntime")
                .optDevice(builder.device)
                .optTranslator(new TextEmbeddingTranslator(tokenizer, builder.outputName, builder.pooling));
        if (builder.threads > 0) {
            ModelThreads.onOnnxRuntime(criteria, builder.threads);
        }
        try {
            this.predictors = new PredictorPool<>(criteria.build().loadModel());
            // A probe tells the dimension and fails fast on a model whose inputs or outputs do not fit.
            this.dimension = embed(List.of("probe"))[0].length;
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int dimension() {
        return dimension;
    }

    public int contextLength() {
        return contextLength;
    }

    /** Tokens in {@code text}, special tokens included, before any truncation. */
    public int tokenCount(String text) {
        return counter.encode(text).getIds().length;
    }

    /** One unit vector per text, in order; runs in chunks of at most the configured batch size. */
    public float[][] embed(List<String> texts) {
        return predictors.batchPredict(texts, maxBatchSize).toArray(new float[0][]);
    }

    /** Closes the model and its predictors, then the tokenizers. */
    @Override
    public void close() {
        if (predictors != null) {
            predictors.close();
        }
        counter.close();
        tokenizer.close();
    }

    /** Builds an {@link OnnxTextEncoder}; {@code set…} are required, {@code opt…} optional. */
    public static final class Builder {

        private Path modelPath;
        private Path tokenizerPath;
        private int contextLength = 77;
        private boolean padToContextLength;
        private String outputName;
        private Pooling pooling = Pooling.NONE;
        private int maxBatchSize = 64;
        private Device device;
        private int threads;

        private Builder() {
        }

        public Builder setModelPath(Path modelPath) {
            this.modelPath = Objects.requireNonNull(modelPath, "modelPath cannot be null");
            return this;
        }

        public Builder setTokenizerPath(Path tokenizerPath) {
            this.tokenizerPath = Objects.requireNonNull(tokenizerPath, "tokenizerPath cannot be null");
            return this;
        }

        /** Tokens per text after truncation (77 for CLIP). */
        public Builder optContextLength(int contextLength) {
            if (contextLength < 2) {
                throw new IllegalArgumentException("contextLength must be at least 2, was " + contextLength);
            }
            this.contextLength = contextLength;
            return this;
        }

        /** Pads every batch to the context length, for exports traced with a fixed sequence length. */
        public Builder optPadToContextLength(boolean padToContextLength) {
            this.padToContextLength = padToContextLength;
            return this;
        }

        /** The output holding the embedding; the model's first output when not set. */
        public Builder optOutputName(String outputName) {
            this.outputName = outputName;
            return this;
        }

        public Builder optPooling(Pooling pooling) {
            this.pooling = Objects.requireNonNull(pooling, "pooling cannot be null");
            return this;
        }

        public Builder optMaxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be positive, was " + maxBatchSize);
            }
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** The device to run on; DJL's default (a GPU when one is found) when not set. */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Threads ONNX Runtime runs one batch on. With one, it runs on the calling thread and keeps
         * no pool of workers spinning between batches, so the encoder leaves the other cores to the
         * stream; ONNX Runtime's default (one spinning worker per core) when not set.
         */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public OnnxTextEncoder build() {
            Objects.requireNonNull(modelPath, "modelPath must be set");
            Objects.requireNonNull(tokenizerPath, "tokenizerPath must be set");
            try {
                return new OnnxTextEncoder(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load text model " + modelPath, e);
            } catch (ModelNotFoundException | MalformedModelException e) {
                throw new IllegalArgumentException("cannot load text model " + modelPath + ": " + e.getMessage(), e);
            }
        }
    }
}
