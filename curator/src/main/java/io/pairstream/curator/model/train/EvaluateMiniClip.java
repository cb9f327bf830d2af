package io.pairstream.curator.model.train;

import io.pairstream.curator.dataset.EmojiEntry;
import io.pairstream.curator.dataset.FashionCaptions;
import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.dataset.LabelledImage;
import io.pairstream.curator.dataset.NotoEmoji;
import io.pairstream.curator.model.InputLimits;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;

import io.pairstream.topology.vector.VectorUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures {@code pairstream-mini-clip} on data it was not trained on: zero-shot classification of
 * the Fashion-MNIST test split (each class prompted with the whole caption ensemble) and image→text
 * recall@1/@5 of the held-out emoji against the names of all emoji. Images go in as PNG bytes
 * through {@link ClipModel#embedImages}, the path records take at run time.
 */
public final class EvaluateMiniClip {

    private static final Map<String, String> DEFAULTS = Map.of(
            "fashion", FashionMnist.DEBIAN_DIRECTORY.toString(),
            "emoji", "/tmp/package",
            "weights", "");
    private static final int BATCH = 256;

    private EvaluateMiniClip() {
    }

    public static void main(String[] args) throws IOException {
        CommandLine options = CommandLine.parse(args, DEFAULTS);
        try (ClipModel model = options.string("weights").isEmpty()
                ? MiniClip.loadDefault()
                : MiniClip.load(options.path("weights"), InputLimits.DEFAULT)) {
            System.out.println("model " + model.version());
            List<LabelledImage> test = FashionMnist.read(options.path("fashion"), FashionMnist.Split.TEST);
            System.out.printf("Fashion-MNIST test zero-shot accuracy: %.2f%% (%d images)%n",
                    100 * zeroShotAccuracy(model, test), test.size());
            List<EmojiEntry> emoji = NotoEmoji.read(options.path("emoji"));
            double[] recall = emojiRecall(model, emoji);
            System.out.printf("held-out emoji image->text recall@1 %.2f%%, recall@5 %.2f%% (%d queries, %d captions)%n",
                    100 * recall[0], 100 * recall[1], (int) recall[2], emoji.size());
        }
    }

    static double zeroShotAccuracy(ClipModel model, List<LabelledImage> images) throws IOException {
        int classes = FashionCaptions.classCount();
        float[][] prototypes = new float[classes][];
        for (int c = 0; c < classes; c++) {
            prototypes[c] = meanDirection(vectors(model.embedTexts(FashionCaptions.of(c))));
        }
        List<byte[]> encoded = new ArrayList<>(images.size());
        for (LabelledImage image : images) {
            encoded.add(image.png());
        }
        float[][] embedded = embedImages(model, encoded);
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            if (ranking(embedded[i], prototypes)[0] == images.get(i).label()) {
                correct++;
            }
        }
        return (double) correct / images.size();
    }

    /** recall@1, recall@5 and the number of queries. */
    static double[] emojiRecall(ClipModel model, List<EmojiEntry> emoji) throws IOException {
        List<String> captions = emoji.stream().map(EmojiCaptions::canonical).toList();
        float[][] captionVectors = vectors(model.embedTexts(captions));
        List<EmojiEntry> heldOut = emoji.stream().filter(EmojiCaptions::isHeldOut).toList();
        List<byte[]> encoded = new ArrayList<>(heldOut.size());
        for (EmojiEntry entry : heldOut) {
            encoded.add(Files.readAllBytes(entry.image()));
        }
        float[][] queries = embedImages(model, encoded);
        int top1 = 0;
        int top5 = 0;
        for (int q = 0; q < heldOut.size(); q++) {
            int[] order = ranking(queries[q], captionVectors);
            String expected = EmojiCaptions.canonical(heldOut.get(q));
            // Two emoji can share a name; retrieving either caption is correct.
            for (int k = 0; k < 5; k++) {
                if (captions.get(order[k]).equals(expected)) {
                    top1 += k == 0 ? 1 : 0;
                    top5++;
                    break;
                }
            }
        }
        return new double[] {(double) top1 / heldOut.size(), (double) top5 / heldOut.size(), heldOut.size()};
    }

    private static float[][] embedImages(ClipModel model, List<byte[]> encoded) {
        List<Embedding> embeddings = new ArrayList<>(encoded.size());
        for (int start = 0; start < encoded.size(); start += BATCH) {
            embeddings.addAll(model.embedImages(encoded.subList(start, Math.min(encoded.size(), start + BATCH))));
        }
        return vectors(embeddings);
    }

    private static float[][] vectors(List<Embedding> embeddings) {
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embeddings.get(i).vector();
        }
        return vectors;
    }

    private static float[] meanDirection(float[][] vectors) {
        float[] sum = new float[vectors[0].length];
        for (float[] v : vectors) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        return VectorUtil.l2Normalise(sum);
    }

    /** Indices of {@code candidates} by descending dot product with {@code query}. */
    private static int[] ranking(float[] query, float[][] candidates) {
        float[] scores = new float[candidates.length];
        List<Integer> order = new ArrayList<>(candidates.length);
        for (int c = 0; c < candidates.length; c++) {
            scores[c] = VectorUtil.dotProduct(query, candidates[c]);
            order.add(c);
        }
        order.sort((a, b) -> Float.compare(scores[b], scores[a]));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
