package io.pairstream.bench.store;

import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.ingest.RawSample;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds the Fashion-MNIST images (train, then test split, from Debian's dataset-fashion-mnist) with
 * the mini-CLIP's image tower and writes the vectors in {@link VectorFile} format: the store
 * benchmark's real image embeddings, a much tighter space than text (a sample's nearest image
 * neighbour has median cosine 0.98).
 *
 * <p>Arguments: output file, number of images (at most 70,000).
 */
public final class EmbedFashionImages {

    private static final int BATCH = 128;

    private EmbedFashionImages() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<RawSample> samples = new ArrayList<>(PairSources.readAll(PairSources.fashionMnist(FashionMnist.DEBIAN_DIRECTORY,
                FashionMnist.Split.TRAIN)));
        samples.addAll(PairSources.readAll(PairSources.fashionMnist(FashionMnist.DEBIAN_DIRECTORY, FashionMnist.Split.TEST)));
        List<RawSample> chosen = samples.subList(0, Math.min(count, samples.size()));
        float[][] vectors = new float[chosen.size()][];
        long start = System.nanoTime();
        try (ClipModel model = MiniClip.loadDefault()) {
            for (int from = 0; from < chosen.size(); from += BATCH) {
                List<RawSample> batch = chosen.subList(from, Math.min(from + BATCH, chosen.size()));
                List<Embedding> embedded = model.embedImages(batch.stream().map(RawSample::image).toList());
                for (int i = 0; i < embedded.size(); i++) {
                    if (embedded.get(i).isRejected()) {
                        throw new IllegalStateException("the model rejected image " + batch.get(i).id(), embedded.get(i).rejection());
                    }
                    vectors[from + i] = embedded.get(i).vector();
                }
            }
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        VectorFile.writeFloats(output, vectors);
        System.out.printf("wrote %d x %d mini-CLIP image vectors to %s in %.0f s%n", vectors.length, vectors[0].length, output,
                (System.nanoTime() - start) / 1e9);
    }
}
