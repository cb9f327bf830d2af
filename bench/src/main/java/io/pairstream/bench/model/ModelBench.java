package io.pairstream.bench.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.pairstream.curator.model.InputLimits;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.curator.model.OnnxClip;
import io.pairstream.topology.model.ClipModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prints model speed: images/s and texts/s at batch 1, 8, 32 and 128 for pairstream-mini-clip (and
 * for an ONNX CLIP export given with {@code --clip DIR}), then DJL against ONNX Runtime called
 * directly on the same ONNX file and batches, with the ratio of their throughputs.
 *
 * <p>Usage: {@code ModelBench [--clip DIR] [--seconds S]}; S is the measuring time per figure (default 3).
 */
public final class ModelBench {

    private static final int[] BATCH_SIZES = {1, 8, 32, 128};
    private static final long SEED = 42;

    private ModelBench() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = null;
        double seconds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clip" -> clip = Path.of(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --clip DIR, --seconds S");
            }
        }
        Throughput throughput = new Throughput(seconds);
        System.out.printf("CPU cores available: %d%n", Runtime.getRuntime().availableProcessors());
        try (ClipModel mini = MiniClip.loadDefault()) {
            modelThroughput(mini, 64, throughput);
        }
        Path miniLmDir = Files.createTempDirectory("bench-minilm-");
        Path miniLm = extract("all-minilm-l6-v2-q.onnx", miniLmDir);
        Path miniLmTokenizer = extract("all-minilm-l6-v2-q-tokenizer.json", miniLmDir);
        textOverhead(miniLm, miniLmTokenizer, throughput);
        if (clip != null) {
            try (ClipModel model = OnnxClip.load(clip, InputLimits.DEFAULT)) {
                modelThroughput(model, 256, throughput);
            }
            Path visual = Files.exists(clip.resolve("visual.onnx")) ? clip.resolve("visual.onnx") : clip.resolve("vision_model.onnx");
            Path textual = Files.exists(clip.resolve("textual.onnx")) ? clip.resolve("textual.onnx") : clip.resolve("text_model.onnx");
            imageOverhead(visual, throughput);
            textOverhead(textual, clip.resolve("tokenizer.json"), throughput);
        }
    }

    private static void modelThroughput(ClipModel model, int imageSide, Throughput throughput) {
        int largest = BATCH_SIZES[BATCH_SIZES.length - 1];
        List<byte[]> images = BenchInputs.pngs(largest, imageSide, SEED);
        List<String> captions = BenchInputs.captions(largest, SEED);
        System.out.printf("%n%s (PNG inputs %dx%d, decoding included)%n", model.version(), imageSide, imageSide);
        System.out.printf("%8s %12s %12s%n", "batch", "images/s", "texts/s");
        for (int batch : BATCH_SIZES) {
            List<byte[]> imageBatch = images.subList(0, batch);
            List<String> textBatch = captions.subList(0, batch);
            double imagesPerSecond = throughput.measure(batch, () -> model.embedImages(imageBatch));
            double textsPerSecond = throughput.measure(batch, () -> model.embedTexts(textBatch));
            System.out.printf("%8d %12.1f %12.1f%n", batch, imagesPerSecond, textsPerSecond);
        }
    }

    private static void textOverhead(Path model, Path tokenizerFile, Throughput throughput) throws Exception {
        List<String> captions = BenchInputs.captions(BATCH_SIZES[BATCH_SIZES.length - 1], SEED);
        try (EngineOverhead engines = new EngineOverhead(model);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                     .optTokenizerPath(tokenizerFile).optPadding(true).optTruncation(true).build()) {
            compare(model, engines, throughput, batch -> tokens(engines.inputNames(), tokenizer.batchEncode(captions.subList(0, batch))));
        }
    }

    private static void imageOverhead(Path model, Throughput throughput) throws Exception {
        try (EngineOverhead engines = new EngineOverhead(model)) {
            Random random = new Random(SEED);
            String name = engines.inputNames().get(0);
            long side = engines.inputShape(name)[2];
            compare(model, engines, throughput, batch -> {
                float[] pixels = new float[(int) (batch * 3 * side * side)];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (float) random.nextGaussian();
                }
                return List.of(new EngineOverhead.Input(name, null, pixels, new long[] {batch, 3, side, side}));
            });
        }
    }

    /** Builds the inputs of one batch size. */
    private interface BatchFactory {
        List<EngineOverhead.Input> inputs(int batch);
    }

    private static void compare(Path model, EngineOverhead engines, Throughput throughput, BatchFactory factory) {
        System.out.printf("%nDJL vs ONNX Runtime direct on %s (same input tensors, calls alternated; DJL/direct ratio)%n", model.getFileName());
        System.out.printf("%8s %14s %14s %8s%n", "batch", "DJL items/s", "direct items/s", "ratio");
        for (int batch : BATCH_SIZES) {
            List<EngineOverhead.Input> inputs = factory.inputs(batch);
            double[] perSecond = throughput.measurePaired(batch, () -> engines.viaDjl(inputs), () -> engines.direct(inputs));
            double djl = perSecond[0];
            double direct = perSecond[1];
            System.out.printf("%8d %14.1f %14.1f %8.3f%n", batch, djl, direct, djl / direct);
        }
    }

    private static List<EngineOverhead.Input> tokens(List<String> inputNames, Encoding[] encodings) {
        int batch = encodings.length;
        int length = encodings[0].getIds().length;
        long[] shape = {batch, length};
        List<EngineOverhead.Input> inputs = new ArrayList<>();
        for (String name : inputNames) {
            long[] values = new long[batch * length];
            for (int b = 0; b < batch; b++) {
                long[] source = switch (name) {
                    case "input_ids" -> encodings[b].getIds();
                    case "attention_mask" -> encodings[b].getAttentionMask();
                    default -> encodings[b].getTypeIds();
                };
                System.arraycopy(source, 0, values, b * length, length);
            }
            inputs.add(new EngineOverhead.Input(name, values, null, shape));
        }
        return inputs;
    }

    private static Path extract(String resource, Path directory) throws Exception {
        Path target = directory.resolve(resource);
        try (var in = ModelBench.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            Files.copy(in, target);
        }
        target.toFile().deleteOnExit();
        directory.toFile().deleteOnExit();
        return target;
    }
}
