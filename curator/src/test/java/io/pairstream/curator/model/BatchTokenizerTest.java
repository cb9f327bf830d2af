package io.pairstream.curator.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link BatchTokenizer} gives exactly the inputs of the library's own batch encoding, one text at a time. */
class BatchTokenizerTest {

    private static final int CONTEXT = 16;
    /** Texts of different lengths, one longer than the context, one empty, one with characters outside the vocabulary. */
    private static final List<String> TEXTS = List.of("ankle boot", "a grinning face with big eyes and a wide open mouth, smiling at the camera",
            "", "T-shirt/top 👕", "sneaker");

    private static ModelResources files;
    private static Path miniLm;

    @BeforeAll
    static void extract() {
        files = new ModelResources();
        miniLm = files.extract(MiniLm.TOKENIZER_RESOURCE);
    }

    @AfterAll
    static void delete() {
        files.close();
    }

    @Test
    void shouldPadToTheLongestTextOfTheBatchAsTheLibraryDoes() throws IOException {
        assertSameAsLibrary(miniLm, false);
    }

    @Test
    void shouldPadToTheContextAsTheLibraryDoes() throws IOException {
        assertSameAsLibrary(miniLm, true);
    }

    @Test
    void shouldFollowThePaddingATokenizerFileSets(@TempDir Path directory) throws IOException {
        String json = Files.readString(miniLm);
        String padding = "{\"strategy\":\"BatchLongest\",\"direction\":\"Left\",\"pad_to_multiple_of\":null,"
                + "\"pad_id\":7,\"pad_type_id\":1,\"pad_token\":\"[unused6]\"}";
        Path leftPadded = directory.resolve("tokenizer.json");
        Files.writeString(leftPadded, withPadding(json, padding));
        assertSameAsLibrary(leftPadded, false);
        assertSameAsLibrary(leftPadded, true);
    }

    @Test
    void shouldTokenizeASingleTextWithoutPaddingItToTheLongest() throws IOException {
        try (BatchTokenizer tokenizer = BatchTokenizer.load(miniLm, CONTEXT, false)) {
            BatchTokenizer.Batch batch = tokenizer.tokenize(List.of("ankle boot"));
            assertEquals(1, batch.rows());
            assertEquals(4, batch.length(), "[CLS] ankle boot [SEP]");
            assertArrayEquals(new long[] {1, 1, 1, 1}, batch.mask());
        }
    }

    private static void assertSameAsLibrary(Path path, boolean padToContext) throws IOException {
        HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder().optTokenizerPath(path).optMaxLength(CONTEXT).optTruncation(true);
        try (HuggingFaceTokenizer library = (padToContext ? builder.optPadToMaxLength() : builder.optPadding(true)).build();
             BatchTokenizer tokenizer = BatchTokenizer.load(path, CONTEXT, padToContext)) {
            Encoding[] expected = library.batchEncode(TEXTS);
            BatchTokenizer.Batch batch = tokenizer.tokenize(TEXTS);
            int length = expected[0].getIds().length;
            assertEquals(TEXTS.size(), batch.rows());
            assertEquals(length, batch.length());
            if (padToContext) {
                assertEquals(CONTEXT, length);
            }
            for (int row = 0; row < TEXTS.size(); row++) {
                String text = TEXTS.get(row);
                assertArrayEquals(expected[row].getIds(), row(batch.ids(), row, length), "ids of '" + text + "'");
                assertArrayEquals(expected[row].getAttentionMask(), row(batch.mask(), row, length), "mask of '" + text + "'");
                assertArrayEquals(expected[row].getTypeIds(), row(batch.types(), row, length), "type ids of '" + text + "'");
            }
        }
    }

    /** {@code json} with the value of its top-level "padding" key (an object or null) replaced. */
    private static String withPadding(String json, String padding) {
        int key = json.indexOf("\"padding\"");
        int start = json.indexOf(':', key) + 1;
        while (Character.isWhitespace(json.charAt(start))) {
            start++;
        }
        int end = start;
        if (json.startsWith("null", start)) {
            end = start + 4;
        } else {
            int depth = 0;
            do {
                char c = json.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            } while (depth > 0);
        }
        return json.substring(0, start) + padding + json.substring(end);
    }

    private static long[] row(long[] values, int row, int length) {
        return java.util.Arrays.copyOfRange(values, row * length, (row + 1) * length);
    }
}
