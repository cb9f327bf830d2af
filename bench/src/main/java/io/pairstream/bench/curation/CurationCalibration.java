package io.pairstream.bench.curation;

import io.pairstream.curator.dataset.FashionCaptions;
import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.ingest.RawSample;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.topology.config.AlignmentSettings;
import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.vector.VectorUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the mini-CLIP on the decisions the curation topology makes, to choose their defaults
 * from data: how well it tells matched from mismatched image–caption pairs (the alignment check),
 * and how label agreement and near-duplicates depend on the similarity band (positive selection).
 *
 * <p>Alignment: Half of the Fashion-MNIST test split, correctly captioned,
 * plays the vector store; the other half arrives with a fraction of its captions swapped for a
 * caption of another class. For each pair it computes the two signals the alignment check uses:
 * the image–caption cosine, and how many stored captions beat the pair's own caption for its image
 * by more than a margin. It prints both signals' distributions and the precision and recall of
 * mismatch detection over a grid of settings.
 *
 * <p>Usage: {@code CurationCalibration [noise-fraction] [fashion-dir]}
 */
public final class CurationCalibration {

    private static final long SEED = 11;
    private static final int[] TOP_K = {1, 3, 5, 10, 20, 50};
    private static final float[] MARGINS = {0f, 0.02f, 0.04f, 0.06f, 0.08f, 0.10f, 0.12f, 0.15f, 0.2f};

    private CurationCalibration() {
    }

    public static void main(String[] args) throws Exception {
        double noise = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        Path fashion = args.length > 1 ? Path.of(args[1]) : FashionMnist.DEBIAN_DIRECTORY;
        List<RawSample> samples = PairSources.readAll(PairSources.fashionMnist(fashion, FashionMnist.Split.TEST));
        int stored = samples.size() / 2;
        Random random = new Random(SEED);
        boolean[] mismatched = new boolean[samples.size()];
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            RawSample sample = samples.get(i);
            if (i >= stored && random.nextDouble() < noise) {
                mismatched[i] = true;
                captions.add(FashionCaptions.ofAnotherClass(FashionMnist.CLASS_NAMES.indexOf(sample.label()), random));
            } else {
                captions.add(sample.caption());
            }
        }
        try (ClipModel model = MiniClip.loadDefault()) {
            float[][] images = embedImages(model, samples);
            Map<String, float[]> captionVectors = embedDistinct(model, captions);
            float[][] storedTexts = new float[stored][];
            for (int i = 0; i < stored; i++) {
                storedTexts[i] = captionVectors.get(captions.get(i));
            }
            int queries = samples.size() - stored;
            float[] alignment = new float[queries];
            float[][] rivalScores = new float[queries][];
            float[] bestImageForCaption = new float[queries];
            boolean[] truth = Arrays.copyOfRange(mismatched, stored, samples.size());
            for (int q = 0; q < queries; q++) {
                float[] image = images[stored + q];
                alignment[q] = VectorUtil.dotProduct(image, captionVectors.get(captions.get(stored + q)));
                float[] scores = new float[stored];
                for (int s = 0; s < stored; s++) {
                    scores[s] = VectorUtil.dotProduct(image, storedTexts[s]);
                }
                Arrays.sort(scores);
                rivalScores[q] = scores;
                float[] caption = captionVectors.get(captions.get(stored + q));
                float best = -1;
                for (int s = 0; s < stored; s++) {
                    best = Math.max(best, VectorUtil.dotProduct(caption, images[s]));
                }
                bestImageForCaption[q] = best;
            }
            report(model.version(), noise, alignment, rivalScores, truth);
            reportBothWays(alignment, rivalScores, bestImageForCaption, truth);
            reportCaptionPeers(images, storedTexts, captions, captionVectors, alignment, rivalScores, truth);
            reportBand(samples, images, captions, captionVectors, stored, mismatched);
        }
    }

    private static void report(String version, double noise, float[] alignment, float[][] rivals, boolean[] truth) {
        int positives = 0;
        for (boolean t : truth) {
            positives += t ? 1 : 0;
        }
        System.out.printf("model %s, %d incoming pairs (%d mismatched, noise %.2f), %d stored captions%n",
                version, truth.length, positives, noise, rivals[0].length);
        System.out.printf("image-caption cosine, matched:    %s%n", quantiles(alignment, truth, false));
        System.out.printf("image-caption cosine, mismatched: %s%n", quantiles(alignment, truth, true));
        System.out.println();
        System.out.println("rule: reject when cosine < t");
        Best best = new Best();
        for (float t = 0f; t <= 0.6f; t += 0.02f) {
            boolean[] flagged = new boolean[truth.length];
            for (int q = 0; q < truth.length; q++) {
                flagged[q] = alignment[q] < t;
            }
            best.offer(String.format("cosine < %.2f", t), flagged, truth);
        }
        best.print();
        System.out.println("rule: reject when at least k stored captions beat the pair's own by more than m");
        Best bestRank = new Best();
        for (int k : TOP_K) {
            for (float m : MARGINS) {
                boolean[] flagged = new boolean[truth.length];
                for (int q = 0; q < truth.length; q++) {
                    flagged[q] = beaten(rivals[q], alignment[q] + m) >= k;
                }
                bestRank.offer(String.format("k=%d m=%.2f", k, m), flagged, truth);
                if (k == 1 || k == TOP_K[TOP_K.length - 1]) {
                    System.out.printf("  k=%-3d m=%.2f  %s%n", k, m, Best.figures(flagged, truth));
                }
            }
        }
        bestRank.print();
        System.out.println("rule: reject when cosine < t, or at least k stored captions beat the pair's own by more than m");
        System.out.println("      (the alignment check's rule; per margin, the best t with recall and precision both at least 0.9)");
        Best bestBoth = new Best();
        for (int k : new int[] {1, 10}) {
            for (float m = 0.04f; m <= 0.121f; m += 0.005f) {
                Best perMargin = new Best();
                for (float t = 0.10f; t <= 0.301f; t += 0.01f) {
                    boolean[] flagged = new boolean[truth.length];
                    for (int q = 0; q < truth.length; q++) {
                        flagged[q] = alignment[q] < t || beaten(rivals[q], alignment[q] + m) >= k;
                    }
                    double[] prf = Best.prf(flagged, truth);
                    String setting = String.format("k=%-3d m=%.3f t=%.2f", k, m, t);
                    if (prf[0] >= 0.9 && prf[1] >= 0.9) {
                        perMargin.offer(setting, flagged, truth);
                    }
                    bestBoth.offer(setting, flagged, truth);
                }
                if (perMargin.figures != null) {
                    System.out.printf("  %s  %s%n", perMargin.setting, perMargin.figures);
                }
            }
        }
        System.out.println("  the cosine test alone (matched pairs it would reject, mismatched ones):");
        for (float t : new float[] {0.15f, 0.20f, 0.22f, 0.24f, 0.25f, 0.26f, 0.27f, 0.28f}) {
            int matchedUnder = 0;
            int mismatchedUnder = 0;
            for (int q = 0; q < truth.length; q++) {
                if (alignment[q] < t) {
                    matchedUnder += truth[q] ? 0 : 1;
                    mismatchedUnder += truth[q] ? 1 : 0;
                }
            }
            System.out.printf("    t=%.2f  %d of %d matched, %d of %d mismatched%n", t, matchedUnder,
                    truth.length - mismatchedCount(truth), mismatchedUnder, mismatchedCount(truth));
        }
        bestBoth.print();
        System.out.println("rule: reject when cosine - w * (best stored caption's cosine) < t  (relative alignment)");
        Best bestRelative = new Best();
        for (float w : new float[] {0.25f, 0.5f, 0.75f, 1f, 1.5f}) {
            Best perWeight = new Best();
            for (float t = -0.3f; t <= 0.3f; t += 0.005f) {
                boolean[] flagged = new boolean[truth.length];
                for (int q = 0; q < truth.length; q++) {
                    float topRival = rivals[q][rivals[q].length - 1];
                    flagged[q] = alignment[q] - w * topRival < t;
                }
                perWeight.offer(String.format("w=%.2f t=%.3f", w, t), flagged, truth);
                bestRelative.offer(String.format("w=%.2f t=%.3f", w, t), flagged, truth);
            }
            perWeight.print();
        }
        bestRelative.print();
    }

    /**
     * For each correctly captioned incoming sample, its nearest stored sample by caption, by image
     * and by their mean: label agreement and how often the image is nearly identical, by the
     * guiding similarity's lower bound.
     */
    private static void reportBand(List<RawSample> samples, float[][] images, List<String> captions,
                                   Map<String, float[]> captionVectors, int stored, boolean[] mismatched) {
        String[] names = {"text", "image", "fused"};
        List<float[]> guiding = new ArrayList<>();
        List<float[]> imageSimilarity = new ArrayList<>();
        List<boolean[]> agrees = new ArrayList<>();
        for (int strategy = 0; strategy < 3; strategy++) {
            guiding.add(new float[samples.size() - stored]);
            imageSimilarity.add(new float[samples.size() - stored]);
            agrees.add(new boolean[samples.size() - stored]);
        }
        for (int q = stored; q < samples.size(); q++) {
            float[] text = captionVectors.get(captions.get(q));
            float[] bestScore = {-2, -2, -2};
            int[] best = new int[3];
            float[] bestImage = new float[3];
            for (int s = 0; s < stored; s++) {
                float textSimilarity = VectorUtil.dotProduct(text, captionVectors.get(captions.get(s)));
                float image = VectorUtil.dotProduct(images[q], images[s]);
                float[] scores = {textSimilarity, image, (textSimilarity + image) / 2};
                for (int strategy = 0; strategy < 3; strategy++) {
                    if (scores[strategy] > bestScore[strategy]) {
                        bestScore[strategy] = scores[strategy];
                        best[strategy] = s;
                        bestImage[strategy] = image;
                    }
                }
            }
            for (int strategy = 0; strategy < 3; strategy++) {
                guiding.get(strategy)[q - stored] = bestScore[strategy];
                imageSimilarity.get(strategy)[q - stored] = bestImage[strategy];
                agrees.get(strategy)[q - stored] = samples.get(q).label().equals(samples.get(best[strategy]).label());
            }
        }
        System.out.println("positive selection: nearest stored sample of each correctly captioned incoming one");
        for (int strategy = 0; strategy < 3; strategy++) {
            System.out.printf("  %s-guided: guiding similarity %s%n", names[strategy],
                    quantiles(guiding.get(strategy), Arrays.copyOfRange(mismatched, stored, mismatched.length), false));
            System.out.printf("    image similarity %s%n",
                    quantiles(imageSimilarity.get(strategy), Arrays.copyOfRange(mismatched, stored, mismatched.length), false));
            for (float bound : new float[] {-1f, 0.5f, 0.7f, 0.8f, 0.85f, 0.9f, 0.95f, 0.97f, 0.98f, 0.99f}) {
                int kept = 0;
                int agreeing = 0;
                int nearlyIdentical = 0;
                for (int i = 0; i < guiding.get(strategy).length; i++) {
                    if (mismatched[stored + i] || guiding.get(strategy)[i] < bound) {
                        continue;
                    }
                    kept++;
                    agreeing += agrees.get(strategy)[i] ? 1 : 0;
                    nearlyIdentical += imageSimilarity.get(strategy)[i] >= 0.99f ? 1 : 0;
                }
                System.out.printf("    lower bound %5.2f: %5d anchors keep a positive, label agreement %.3f, image similarity >= 0.99: %.3f%n",
                        bound, kept, kept == 0 ? 0 : (double) agreeing / kept, kept == 0 ? 0 : (double) nearlyIdentical / kept);
            }
        }
    }

    /** The relative rule with both directions: the best stored caption for the image and the best stored image for the caption. */
    private static void reportBothWays(float[] alignment, float[][] rivals, float[] bestImageForCaption, boolean[] truth) {
        System.out.println("rule: reject when cosine - w * mean(best stored caption for the image, best stored image for the caption) < t");
        Best overall = new Best();
        for (float w : new float[] {0.5f, 0.75f, 1f, 1.25f}) {
            Best perWeight = new Best();
            for (float t = -0.3f; t <= 0.3f; t += 0.005f) {
                boolean[] flagged = new boolean[truth.length];
                for (int q = 0; q < truth.length; q++) {
                    float rival = (rivals[q][rivals[q].length - 1] + bestImageForCaption[q]) / 2;
                    flagged[q] = alignment[q] - w * rival < t;
                }
                perWeight.offer(String.format("w=%.2f t=%.3f", w, t), flagged, truth);
                overall.offer(String.format("w=%.2f t=%.3f", w, t), flagged, truth);
            }
            perWeight.print();
        }
        overall.print();
    }

    /**
     * The caption's peers: the stored samples whose captions are nearest the pair's caption (the
     * text-guided lookup). A caption belongs to its image when the image looks like the images
     * stored under such captions: the image tower is tight within a kind, and this asks it an
     * image–image question instead of a cross-modal one.
     */
    private static void reportCaptionPeers(float[][] images, float[][] storedTexts, List<String> captions,
                                           Map<String, float[]> captionVectors, float[] alignment, float[][] rivals, boolean[] truth) {
        int k = 20;
        int stored = storedTexts.length;
        float[] peerMean = new float[truth.length];
        float[] peerMax = new float[truth.length];
        for (int q = 0; q < truth.length; q++) {
            float[] caption = captionVectors.get(captions.get(stored + q));
            Integer[] order = new Integer[stored];
            float[] textScores = new float[stored];
            for (int s = 0; s < stored; s++) {
                order[s] = s;
                textScores[s] = VectorUtil.dotProduct(caption, storedTexts[s]);
            }
            Arrays.sort(order, (a, b) -> Float.compare(textScores[b], textScores[a]));
            float sum = 0;
            float max = -1;
            for (int j = 0; j < k; j++) {
                float similarity = VectorUtil.dotProduct(images[stored + q], images[order[j]]);
                sum += similarity;
                max = Math.max(max, similarity);
            }
            peerMean[q] = sum / k;
            peerMax[q] = max;
        }
        System.out.printf("caption peers' image similarity (top %d stored by caption), matched:    mean %s%n", k,
                quantiles(peerMean, truth, false));
        System.out.printf("caption peers' image similarity (top %d stored by caption), mismatched: mean %s%n", k,
                quantiles(peerMean, truth, true));
        System.out.printf("                                                        matched:    max %s%n", quantiles(peerMax, truth, false));
        System.out.printf("                                                        mismatched: max %s%n", quantiles(peerMax, truth, true));
        String[] names = {"mean", "max"};
        float[][] peers = {peerMean, peerMax};
        for (int p = 0; p < 2; p++) {
            System.out.printf("rule: reject when the caption peers' %s image similarity < u%n", names[p]);
            Best alone = new Best();
            for (float u = 0f; u <= 1f; u += 0.005f) {
                boolean[] flagged = new boolean[truth.length];
                for (int q = 0; q < truth.length; q++) {
                    flagged[q] = peers[p][q] < u;
                }
                alone.offer(String.format("u=%.3f", u), flagged, truth);
            }
            alone.print();
            System.out.printf("rule: reject when cosine < %.2f (the default), or (cosine - best stored caption's) + w * (peers' %s image "
                    + "similarity - 1) < t%n", AlignmentSettings.MIN_SCORE_DEFAULT, names[p]);
            Best combined = new Best();
            for (float w : new float[] {0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.3f, 0.5f, 0.75f, 1f, 1.5f, 2f}) {
                Best perWeight = new Best();
                for (float t = -0.4f; t <= 0.1f; t += 0.0025f) {
                    boolean[] flagged = new boolean[truth.length];
                    for (int q = 0; q < truth.length; q++) {
                        float best = rivals[q][rivals[q].length - 1];
                        flagged[q] = alignment[q] < AlignmentSettings.MIN_SCORE_DEFAULT || (alignment[q] - best) + w * (peers[p][q] - 1) < t;
                    }
                    perWeight.offer(String.format("w=%.2f t=%.4f", w, t), flagged, truth);
                    combined.offer(String.format("w=%.2f t=%.4f", w, t), flagged, truth);
                }
                perWeight.print();
            }
            combined.print();
        }
    }

    /** How many of the ascending {@code scores} exceed {@code bar}. */
    private static int beaten(float[] ascending, float bar) {
        int index = Arrays.binarySearch(ascending, bar);
        int firstAbove = index >= 0 ? index + 1 : -index - 1;
        while (firstAbove < ascending.length && ascending[firstAbove] <= bar) {
            firstAbove++;
        }
        return ascending.length - firstAbove;
    }

    private static int mismatchedCount(boolean[] truth) {
        int count = 0;
        for (boolean mismatched : truth) {
            count += mismatched ? 1 : 0;
        }
        return count;
    }

    private static String quantiles(float[] values, boolean[] truth, boolean which) {
        float[] selected = new float[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (truth[i] == which) {
                selected[n++] = values[i];
            }
        }
        float[] sorted = Arrays.copyOf(selected, n);
        Arrays.sort(sorted);
        return String.format("n=%d min %.3f p1 %.3f p5 %.3f p10 %.3f p50 %.3f p90 %.3f p99 %.3f", n, sorted[0], sorted[n / 100],
                sorted[n / 20], sorted[n / 10], sorted[n / 2], sorted[n * 9 / 10], sorted[n * 99 / 100]);
    }

    /** Keeps the setting with the best F1. */
    private static final class Best {
        private String setting;
        private double f1 = -1;
        private String figures;

        void offer(String candidate, boolean[] flagged, boolean[] truth) {
            double[] prf = prf(flagged, truth);
            if (prf[2] > f1) {
                f1 = prf[2];
                setting = candidate;
                figures = figures(flagged, truth);
            }
        }

        void print() {
            System.out.printf("  best by F1: %s  %s%n%n", setting, figures);
        }

        static String figures(boolean[] flagged, boolean[] truth) {
            double[] prf = prf(flagged, truth);
            return String.format("precision %.3f recall %.3f F1 %.3f", prf[0], prf[1], prf[2]);
        }

        static double[] prf(boolean[] flagged, boolean[] truth) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < truth.length; i++) {
                if (flagged[i] && truth[i]) {
                    tp++;
                } else if (flagged[i]) {
                    fp++;
                } else if (truth[i]) {
                    fn++;
                }
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new double[] {precision, recall, f1};
        }
    }


    private static float[][] embedImages(ClipModel model, List<RawSample> samples) {
        float[][] vectors = new float[samples.size()][];
        for (int start = 0; start < samples.size(); start += 256) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = start; i < Math.min(samples.size(), start + 256); i++) {
                batch.add(samples.get(i).image());
            }
            List<Embedding> embedded = model.embedImages(batch);
            for (int i = 0; i < embedded.size(); i++) {
                vectors[start + i] = embedded.get(i).vector();
            }
        }
        return vectors;
    }

    private static Map<String, float[]> embedDistinct(ClipModel model, List<String> captions) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(captions));
        List<Embedding> embedded = model.embedTexts(distinct);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            vectors.put(distinct.get(i), embedded.get(i).vector());
        }
        return vectors;
    }
}
