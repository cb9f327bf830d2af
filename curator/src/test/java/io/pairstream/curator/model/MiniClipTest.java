package io.pairstream.curator.model;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.model.InputRejectedException.Reason;
import io.pairstream.topology.vector.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniClipTest {

    private static ClipModel model;

    @BeforeAll
    static void load() {
        model = MiniClip.load(new InputLimits(200 * 200, 300), 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[] image(String name) throws IOException {
        return model.embedImages(List.of(Fixtures.bytes(name))).get(0).vector();
    }

    private static float[] text(String caption) {
        return model.embedTexts(List.of(caption)).get(0).vector();
    }

    @Test
    void shouldNameItselfWithAHashOfItsWeights() {
        assertTrue(model.version().matches("pairstream-mini-clip@[0-9a-f]{12}"), model.version());
        assertEquals(MiniLm.DIMENSION, model.dimension());
    }

    @Test
    void shouldRefuseParametersUnderAnotherFileName(@TempDir Path directory) throws IOException {
        Path renamed = Files.write(directory.resolve("weights.params"), new byte[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MiniClip.load(renamed, InputLimits.DEFAULT));
        assertTrue(e.getMessage().contains("mini-clip-image-0000.params"), e.getMessage());
    }

    @Test
    void shouldEmbedImagesAndTextsAsUnitVectorsOfOneDimension() throws IOException {
        for (float[] v : List.of(image("fashion-sneaker.png"), image("emoji-pineapple.png"), text("a sneaker"))) {
            assertEquals(MiniLm.DIMENSION, v.length);
            assertEquals(1.0, VectorUtil.dotProduct(v, v), 1e-4);
        }
    }

    @Test
    void shouldMatchClothingImagesToTheirCaptions() throws IOException {
        List<String> captions = List.of("a photo of trousers", "a photo of a sneaker", "a photo of a bag", "a photo of an ankle boot");
        List<String> fixtures = List.of("fashion-trouser.png", "fashion-sneaker.png", "fashion-bag.png", "fashion-ankle-boot.png");
        for (int i = 0; i < fixtures.size(); i++) {
            float[] picture = image(fixtures.get(i));
            int best = 0;
            for (int c = 1; c < captions.size(); c++) {
                if (VectorUtil.dotProduct(picture, text(captions.get(c))) > VectorUtil.dotProduct(picture, text(captions.get(best)))) {
                    best = c;
                }
            }
            assertEquals(captions.get(i), captions.get(best), fixtures.get(i));
        }
    }

    @Test
    void shouldRejectBadImagesWithoutFailingTheRestOfTheBatch() throws IOException {
        byte[] sneaker = Fixtures.bytes("fashion-sneaker.png");
        byte[] truncated = Arrays.copyOf(Fixtures.bytes("emoji-grinning-face.png"), 200);
        byte[] huge = Fixtures.encode(Fixtures.noise(201, 200), "png");
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        List<Embedding> out = model.embedImages(Arrays.asList(sneaker, truncated, huge, webp, null, sneaker));
        assertEquals(6, out.size());
        assertEquals(Reason.UNDECODABLE_IMAGE, out.get(1).rejection().reason());
        assertEquals(Reason.IMAGE_TOO_LARGE, out.get(2).rejection().reason());
        assertEquals(Reason.UNSUPPORTED_IMAGE_FORMAT, out.get(3).rejection().reason());
        assertEquals(Reason.UNDECODABLE_IMAGE, out.get(4).rejection().reason());
        assertFalse(out.get(0).isRejected());
        assertArrayEquals(image("fashion-sneaker.png"), out.get(0).vector(), 1e-5f);
        assertArrayEquals(out.get(0).vector(), out.get(5).vector(), 1e-6f);
    }

    @Test
    void shouldRejectEmptyAndOverlongCaptionsWithoutFailingTheRest() {
        String tooManyChars = "x".repeat(301);
        String tooManyTokens = String.join(" ", Collections.nCopies(MiniLm.CONTEXT_LENGTH, "ok"));
        List<Embedding> out = model.embedTexts(Arrays.asList("a sneaker", "", "   ", null, tooManyChars, tooManyTokens, "a bag"));
        assertEquals(Reason.EMPTY_TEXT, out.get(1).rejection().reason());
        assertEquals(Reason.EMPTY_TEXT, out.get(2).rejection().reason());
        assertEquals(Reason.EMPTY_TEXT, out.get(3).rejection().reason());
        assertEquals(Reason.TEXT_TOO_LONG, out.get(4).rejection().reason());
        assertEquals(Reason.TEXT_TOO_LONG, out.get(5).rejection().reason());
        assertEquals(MiniLm.DIMENSION, out.get(0).vector().length);
        assertEquals(MiniLm.DIMENSION, out.get(6).vector().length);
    }

    @Test
    void shouldEmbedFromManyThreadsAtOnce() throws Exception {
        byte[] bag = Fixtures.bytes("fashion-bag.png");
        float[] expected = image("fashion-bag.png");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Embedding>>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> model.embedImages(List.of(bag, bag))));
            }
            for (Future<List<Embedding>> future : futures) {
                for (Embedding embedding : future.get()) {
                    assertArrayEquals(expected, embedding.vector(), 1e-5f);
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
