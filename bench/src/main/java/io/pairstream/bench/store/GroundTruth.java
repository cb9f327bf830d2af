package io.pairstream.bench.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/** Exact top-k neighbours by brute force, the reference that recall is measured against. */
final class GroundTruth {

    private GroundTruth() {
    }

    /** For each query, the row indexes of its {@code k} most similar base vectors, best first. */
    static int[][] topK(float[][] base, float[][] queries, int k) {
        int[][] truth = new int[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(q -> truth[q] = topK(base, queries[q], k));
        return truth;
    }

    private static int[] topK(float[][] base, float[] query, int k) {
        PriorityQueue<float[]> best = new PriorityQueue<>(k + 1, (a, b) -> Float.compare(a[0], b[0]));
        for (int i = 0; i < base.length; i++) {
            float score = VectorUtil.dotProduct(query, base[i]);
            if (best.size() < k || score > best.peek()[0]) {
                best.add(new float[] {score, i});
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        int[] ids = new int[best.size()];
        for (int i = ids.length - 1; i >= 0; i--) {
            ids[i] = (int) best.poll()[1];
        }
        return ids;
    }
}
