package io.pairstream.curator.model;

import ai.djl.repository.zoo.Criteria;
import io.pairstream.topology.model.ClipModel;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a user's CLIP export from a directory in one of the two common ONNX layouts:
 * <ul>
 *   <li>OpenCLIP style: {@code visual.onnx}, {@code textual.onnx}, {@code tokenizer.json};</li>
 *   <li>Hugging Face style: {@code vision_model.onnx}, {@code text_model.onnx}, {@code tokenizer.json};</li>
 * </ul>
 * each with an optional {@link OnnxClipConfig#FILE_NAME}. Both towers run through DJL's ONNX Runtime engine.
 */
public final class OnnxClip {

    /** A directory layout: which file holds which tower. */
    public enum Layout {
        OPEN_CLIP("visual.onnx", "textual.onnx"),
        HUGGING_FACE("vision_model.onnx", "text_model.onnx");

        private final String visual;
        private final String textual;

        Layout(String visual, String textual) {
            this.visual = visual;
            this.textual = textual;
        }
    }

    static final String TOKENIZER = "tokenizer.json";
    private static final int MAX_BATCH_SIZE = 64;

    private OnnxClip() {
    }

    /** Which layout {@code directory} is in, by the tower files it holds. */
    public static Layout detectLayout(Path directory) {
        for (Layout layout : Layout.values()) {
            if (Files.exists(directory.resolve(layout.visual)) || Files.exists(directory.resolve(layout.textual))) {
                return layout;
            }
        }
        throw new IllegalArgumentException("no CLIP export in " + directory + ": expected "
                + Layout.OPEN_CLIP.visual + " and " + Layout.OPEN_CLIP.textual + ", or "
                + Layout.HUGGING_FACE.visual + " and " + Layout.HUGGING_FACE.textual);
    }

    /** Loads the export in {@code directory}, leaving one core to the stream; the caller closes the model. */
    public static ClipModel load(Path directory, InputLimits limits) {
        return load(directory, limits, ModelThreads.leavingOneCore());
    }

    /** Loads the export in {@code directory}, each tower running a batch on {@code threads} threads. */
    public static ClipModel load(Path directory, InputLimits limits, int threads) {
        Layout layout = detectLayout(directory);
        Path visual = require(directory, layout.visual);
        Path textual = require(directory, layout.textual);
        Path tokenizer = require(directory, TOKENIZER);
        OnnxClipConfig config;
        try {
            config = OnnxClipConfig.read(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(OnnxClipConfig.FILE_NAME), e);
        }
        String version = config.name() + "@" + new WeightsHash().add(visual).add(textual).hex();
        OnnxTextEncoder texts = OnnxTextEncoder.builder()
                .setModelPath(textual)
                .setTokenizerPath(tokenizer)
                .optContextLength(config.contextLength())
                .optPadToContextLength(config.padToContextLength())
                .optOutputName(config.textOutput())
                .optPooling(config.textPooling())
                .optThreads(threads)
                .build();
        try {
            Criteria.Builder<BufferedImage, float[]> criteria = Criteria.builder()
                    .setTypes(BufferedImage.class, float[].class)
                    .optModelPath(visual);
            ModelThreads.onOnnxRuntime(criteria, threads);
            ImagePreprocessor preprocessor = new ImagePreprocessor(config.imageSize(), config.mean(), config.std());
            ImageEncoder images = new ImageEncoder(criteria, preprocessor, config.imageOutput(), MAX_BATCH_SIZE);
            return new DjlClipModel(version, images, texts, limits);
        } catch (RuntimeException e) {
            texts.close();
            throw e;
        }
    }

    private static Path require(Path directory, String name) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("CLIP export in " + directory + " is missing " + name);
        }
        return file;
    }
}
