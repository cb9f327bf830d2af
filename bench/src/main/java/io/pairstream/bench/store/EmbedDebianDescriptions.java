package io.pairstream.bench.store;

import io.pairstream.curator.model.MiniLm;
import io.pairstream.curator.model.OnnxTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Embeds Debian package descriptions with the project's MiniLM text encoder and writes the vectors
 * in {@link VectorFile} format: the real-embedding data set of the store benchmark.
 *
 * <p>Arguments: uncompressed Packages file, output file, number of sentences.
 */
public final class EmbedDebianDescriptions {

    private static final long SEED = 2023;
    private static final int BATCH = 64;

    private EmbedDebianDescriptions() {
    }

    public static void main(String[] args) throws Exception {
        Path packages = Path.of(args[0]);
        Path output = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        List<String> sentences = DebianDescriptions.sentences(packages, count, SEED);
        System.out.printf("embedding %d distinct Debian description sentences%n", sentences.size());
        // Batches of similar length waste little time on padding; the vectors keep the corpus order.
        Integer[] byLength = new Integer[sentences.size()];
        Arrays.setAll(byLength, i -> i);
        Arrays.sort(byLength, Comparator.comparingInt(i -> sentences.get(i).length()));
        float[][] vectors = new float[sentences.size()][];
        long start = System.nanoTime();
        try (OnnxTextEncoder encoder = MiniLm.loadTextEncoder()) {
            for (int from = 0; from < byLength.length; from += BATCH) {
                List<Integer> rows = Arrays.asList(byLength).subList(from, Math.min(from + BATCH, byLength.length));
                float[][] embedded = encoder.embed(rows.stream().map(sentences::get).toList());
                for (int i = 0; i < embedded.length; i++) {
                    vectors[rows.get(i)] = embedded[i];
                }
                if (from % (BATCH * 20) == 0) {
                    System.out.printf("  %d / %d after %.0f s%n", from, sentences.size(), (System.nanoTime() - start) / 1e9);
                }
            }
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        VectorFile.writeFloats(output, vectors);
        System.out.printf("wrote %d x %d vectors to %s in %.0f s%n", vectors.length, MiniLm.DIMENSION, output,
                (System.nanoTime() - start) / 1e9);
    }
}
