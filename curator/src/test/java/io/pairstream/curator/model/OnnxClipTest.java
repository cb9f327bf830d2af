package io.pairstream.curator.model;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.vector.VectorUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader on a real text model (all-MiniLM-L6-v2 goes through the same tokenizer and ONNX Runtime
 * path as a CLIP text tower) and a tiny generated vision model ({@code fixtures/make_tiny_visual_onnx.py}).
 */
class OnnxClipTest {

    private static final String CONFIG = """
            {"name": "tiny-clip", "image_size": 32, "context_length": 128, "pad_to_context_length": false,
             "text_pooling": "mean", "image_output": "image_embeds"}
            """;

    @TempDir
    Path directory;

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = OnnxClipTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            Files.copy(in, target);
        }
    }

    @BeforeEach
    void writeExport() throws IOException {
        copyResource("fixtures/tiny-visual.onnx", directory.resolve("visual.onnx"));
        copyResource(MiniLm.MODEL_RESOURCE, directory.resolve("textual.onnx"));
        copyResource(MiniLm.TOKENIZER_RESOURCE, directory.resolve("tokenizer.json"));
        Files.writeString(directory.resolve(OnnxClipConfig.FILE_NAME), CONFIG);
    }

    @Test
    void shouldLoadTheOpenClipLayoutAndEmbedBothModalities() throws IOException {
        assertEquals(OnnxClip.Layout.OPEN_CLIP, OnnxClip.detectLayout(directory));
        try (ClipModel model = OnnxClip.load(directory, InputLimits.DEFAULT);
             OnnxTextEncoder miniLm = MiniLm.loadTextEncoder()) {
            assertTrue(model.version().matches("tiny-clip@[0-9a-f]{12}"), model.version());
            assertEquals(384, model.dimension());
            byte[] sneaker = Fixtures.bytes("fashion-sneaker.png");
            byte[] emoji = Fixtures.bytes("emoji-pineapple.png");
            List<float[]> images = List.of(
                    model.embedImages(List.of(sneaker)).get(0).vector(),
                    model.embedImages(List.of(emoji)).get(0).vector());
            for (float[] v : images) {
                assertEquals(384, v.length);
                assertEquals(1.0, VectorUtil.dotProduct(v, v), 1e-4);
            }
            assertTrue(VectorUtil.dotProduct(images.get(0), images.get(1)) < 0.9999, "different images, different vectors");
            float[] text = model.embedTexts(List.of("a pineapple")).get(0).vector();
            assertArrayEquals(miniLm.embed(List.of("a pineapple"))[0], text, 1e-5f);
        }
    }

    @Test
    void shouldLoadTheHuggingFaceLayout() throws IOException {
        Files.move(directory.resolve("visual.onnx"), directory.resolve("vision_model.onnx"));
        Files.move(directory.resolve("textual.onnx"), directory.resolve("text_model.onnx"));
        assertEquals(OnnxClip.Layout.HUGGING_FACE, OnnxClip.detectLayout(directory));
        try (ClipModel model = OnnxClip.load(directory, InputLimits.DEFAULT)) {
            assertEquals(384, model.embedImages(List.of(Fixtures.bytes("emoji-grinning-face.png"))).get(0).vector().length);
        }
    }

    @Test
    void shouldNameTheMissingFileOfAnIncompleteExport() throws IOException {
        Files.delete(directory.resolve("textual.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxClip.load(directory, InputLimits.DEFAULT));
        assertTrue(e.getMessage().contains("missing textual.onnx"), e.getMessage());
        Files.delete(directory.resolve("tokenizer.json"));
        Files.move(directory.resolve("visual.onnx"), directory.resolve("vision_model.onnx"));
        e = assertThrows(IllegalArgumentException.class, () -> OnnxClip.load(directory, InputLimits.DEFAULT));
        assertTrue(e.getMessage().contains("missing text_model.onnx"), e.getMessage());
    }

    @Test
    void shouldNameTheExpectedFilesWhenNoTowerIsThere() throws IOException {
        Files.delete(directory.resolve("textual.onnx"));
        Files.delete(directory.resolve("visual.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxClip.load(directory, InputLimits.DEFAULT));
        assertTrue(e.getMessage().contains("visual.onnx") && e.getMessage().contains("vision_model.onnx"), e.getMessage());
    }

    @Test
    void shouldFailOnAnOutputNameTheModelDoesNotHave() throws IOException {
        Files.writeString(directory.resolve(OnnxClipConfig.FILE_NAME), CONFIG.replace("image_embeds", "pooler_output"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OnnxClip.load(directory, InputLimits.DEFAULT));
        assertTrue(String.valueOf(e.getCause()).contains("pooler_output") || e.getMessage().contains("pooler_output"), e.getMessage());
    }
}
