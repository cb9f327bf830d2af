package io.pairstream.trainer.batch;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Per-anchor masks over a batch: which in-batch samples an anchor must not use as negatives, and
 * which pairs' positives to use. {@code masked[i][j]} is true when sample {@code j} is not a negative
 * of anchor {@code i}; the diagonal is always false (an anchor is never its own negative anyway).
 */
public final class NegativeMasks {

    private NegativeMasks() {
    }

    /** Nothing masked. */
    public static boolean[][] none(int size) {
        return new boolean[size][size];
    }

    /**
     * DropFalseNegative from the pairs' hints: {@code j} is masked for {@code i} when either pair's
     * hints (the stored samples most CLIP-similar to its anchor) name a sample of the other pair, when
     * the two pairs share a sample, or when their hint lists overlap (both anchors are CLIP-near the
     * same stored sample). Symmetric.
     */
    public static boolean[][] falseNegatives(List<TrainingPair> pairs) {
        int n = pairs.size();
        boolean[][] masked = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean related = related(pairs.get(i), pairs.get(j));
                masked[i][j] = related;
                masked[j][i] = related;
            }
        }
        return masked;
    }

    /**
     * DropEasyNegative: for each anchor, masks the {@code fraction} of the other samples least
     * similar to it ({@code floor(fraction × (n − 1))} of them; ties go to the lower index).
     */
    public static boolean[][] easiest(float[][] similarity, float fraction) {
        int n = similarity.length;
        int drop = (int) Math.floor(fraction * (n - 1));
        boolean[][] masked = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            float[] row = similarity[i];
            int anchor = i;
            IntStream.range(0, n)
                    .filter(j -> j != anchor)
                    .boxed()
                    .sorted(Comparator.comparingDouble(j -> row[j]))
                    .limit(drop)
                    .forEach(j -> masked[anchor][j] = true);
        }
        return masked;
    }

    /** DropFalsePositive: 1 for pairs at or above {@code percentile}, 0 for those below, whose positive is likely false. */
    public static float[] positivesAtOrAbove(List<TrainingPair> pairs, float percentile) {
        float[] weights = new float[pairs.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = pairs.get(i).similarityPercentile() >= percentile ? 1f : 0f;
        }
        return weights;
    }

    /** Weight 1 for every pair. */
    public static float[] allPositives(int size) {
        float[] weights = new float[size];
        Arrays.fill(weights, 1f);
        return weights;
    }

    /** Masked entries, off the diagonal. */
    public static long count(boolean[][] masked) {
        long count = 0;
        for (int i = 0; i < masked.length; i++) {
            for (int j = 0; j < masked.length; j++) {
                if (i != j && masked[i][j]) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean related(TrainingPair a, TrainingPair b) {
        for (String id : b.sampleIds()) {
            if (a.falseNegativeHints().contains(id) || a.sampleIds().contains(id)) {
                return true;
            }
        }
        for (String id : a.sampleIds()) {
            if (b.falseNegativeHints().contains(id)) {
                return true;
            }
        }
        return a.falseNegativeHints().stream().anyMatch(b.falseNegativeHints()::contains);
    }
}
