package io.pairstream.curator.model;

import io.pairstream.topology.vector.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniLmTest {

    private static OnnxTextEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLm.loadTextEncoder();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static float cosine(String a, String b) {
        float[][] v = encoder.embed(List.of(a, b));
        return VectorUtil.dotProduct(v[0], v[1]);
    }

    @Test
    void shouldReturnUnitVectorsOfDimension384() {
        float[][] vectors = encoder.embed(List.of("a red apple", "ankle boot", "grinning face with big eyes"));
        assertEquals(MiniLm.DIMENSION, encoder.dimension());
        for (float[] v : vectors) {
            assertEquals(MiniLm.DIMENSION, v.length);
            assertEquals(1.0, VectorUtil.dotProduct(v, v), 1e-4);
        }
    }

    @Test
    void shouldPlaceRelatedCaptionsCloserThanUnrelatedOnes() {
        float faces = cosine("grinning face with big eyes", "smiling face");
        float apples = cosine("a red apple", "green apple fruit");
        float footwear = cosine("running shoe sneaker", "ankle boot");
        float unrelated = cosine("grinning face with big eyes", "ankle boot");
        assertTrue(faces > 0.6, "faces " + faces);
        assertTrue(apples > 0.5, "apples " + apples);
        assertTrue(footwear > unrelated + 0.15, "footwear " + footwear + " unrelated " + unrelated);
        assertTrue(unrelated < 0.3, "unrelated " + unrelated);
    }

    @Test
    void shouldGiveTheSameVectorAloneAndInsideAPaddedBatch() {
        float[] alone = encoder.embed(List.of("ankle boot"))[0];
        float[] padded = encoder.embed(List.of("ankle boot", "a much longer caption about a pair of black leather boots"))[0];
        // The quantised model picks its int8 ranges per batch tensor, so padding moves values a little.
        float agreement = VectorUtil.dotProduct(alone, padded);
        assertTrue(agreement > 0.98, "cosine alone vs padded " + agreement);
    }

    @Test
    void shouldCountTokensWithoutTruncating() {
        String longText = String.join(" ", Collections.nCopies(400, "boot"));
        assertTrue(encoder.tokenCount(longText) > MiniLm.CONTEXT_LENGTH);
        assertEquals(MiniLm.DIMENSION, encoder.embed(List.of(longText))[0].length);
    }

    @Test
    void shouldEmbedFromManyThreadsAtOnce() throws Exception {
        float[] expected = encoder.embed(List.of("a photo of a sneaker"))[0];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> encoder.embed(List.of("a photo of a sneaker"))[0]));
            }
            for (Future<float[]> future : futures) {
                assertArrayEquals(expected, future.get(), 1e-5f);
            }
        } finally {
            pool.shutdown();
        }
    }
}
