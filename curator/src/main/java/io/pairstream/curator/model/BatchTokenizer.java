package io.pairstream.curator.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes a batch of texts one text at a time on the calling thread, truncated to the context
 * and padded as the tokenizer's own batch encoding pads them (to the batch's longest text, or to
 * the context). The Hugging Face library encodes a batch on a pool of worker threads that, after
 * every batch, spin on {@code sched_yield} on every core for a while: beside the stream thread they
 * were runnable for 0.65 cores' worth of time and preempted other threads 560 times a second
 * ({@code bench/curation/throughput.sh}), for a few microseconds of work per text.
 */
final class BatchTokenizer implements AutoCloseable {

    /** The model inputs of a batch, row by row: {@code rows × length} token ids, attention mask and token type ids. */
    record Batch(int rows, int length, long[] ids, long[] mask, long[] types) {
    }

    /** How the tokenizer pads: with which id and type id, on which side; to a fixed length, or 0 for the batch's longest. */
    private record Padding(long id, long typeId, boolean left, int fixedLength) {
    }

    private final HuggingFaceTokenizer tokenizer;
    private final Padding padding;

    private BatchTokenizer(HuggingFaceTokenizer tokenizer, Padding padding) {
        this.tokenizer = tokenizer;
        this.padding = padding;
    }

    /** The tokenizer at {@code path}, truncating to {@code contextLength}, padding batches to it or to their longest text. */
    static BatchTokenizer load(Path path, int contextLength, boolean padToContextLength) throws IOException {
        Padding padding = learnPadding(path, contextLength, padToContextLength ? contextLength : 0);
        return new BatchTokenizer(HuggingFaceTokenizer.builder()
                .optTokenizerPath(path)
                .optMaxLength(contextLength)
                .optTruncation(true)
                .optPadding(false)
                .build(), padding);
    }

    /** Reads the pad id, type id and side the tokenizer's file sets, from one text padded to the context. */
    private static Padding learnPadding(Path path, int contextLength, int fixedLength) throws IOException {
        try (HuggingFaceTokenizer padded = HuggingFaceTokenizer.builder()
                .optTokenizerPath(path)
                .optMaxLength(contextLength)
                .optTruncation(true)
                .optPadToMaxLength()
                .build()) {
            Encoding probe = padded.encode("a");
            long[] mask = probe.getAttentionMask();
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] == 0) {
                    return new Padding(probe.getIds()[i], probe.getTypeIds()[i], i == 0, fixedLength);
                }
            }
            // A context too short to show padding: the library's defaults.
            return new Padding(0, 0, false, fixedLength);
        }
    }

    /** Tokenizes {@code texts} into one padded batch. */
    Batch tokenize(List<String> texts) {
        int rows = texts.size();
        Encoding[] encodings = new Encoding[rows];
        int length = padding.fixedLength;
        for (int row = 0; row < rows; row++) {
            encodings[row] = tokenizer.encode(texts.get(row));
            length = Math.max(length, encodings[row].getIds().length);
        }
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] types = new long[rows * length];
        Arrays.fill(ids, padding.id);
        Arrays.fill(types, padding.typeId);
        for (int row = 0; row < rows; row++) {
            long[] rowIds = encodings[row].getIds();
            int start = row * length + (padding.left ? length - rowIds.length : 0);
            System.arraycopy(rowIds, 0, ids, start, rowIds.length);
            System.arraycopy(encodings[row].getAttentionMask(), 0, mask, start, rowIds.length);
            System.arraycopy(encodings[row].getTypeIds(), 0, types, start, rowIds.length);
        }
        return new Batch(rows, length, ids, mask, types);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
