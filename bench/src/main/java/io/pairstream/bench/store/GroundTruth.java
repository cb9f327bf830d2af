package io.pairstream.bench.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/** Exact top-k neighbours by brute force, the reference that recall is measured against. */
final class GroundTruth {

    private GroundTruth() {
    }

    /** Queries scored together per pass over the base vectors, so each base vector is read from memory once per block. */
    private static final int QUERY_BLOCK = 32;

    /** For each query, the row indexes of its {@code k} most similar base vectors, best first. */
    static int[][] topK(float[][] base, float[][] queries, int k) {
        int[][] truth = new int[queries.length][];
        int blocks = (queries.length + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int from = block * QUERY_BLOCK;
            int to = Math.min(queries.length, from + QUERY_BLOCK);
            List<PriorityQueue<float[]>> best = new ArrayList<>();
            for (int q = from; q < to; q++) {
                best.add(new PriorityQueue<>(k + 1, (a, b) -> Float.compare(a[0], b[0])));
            }
            for (int i = 0; i < base.length; i++) {
                for (int q = from; q < to; q++) {
                    offer(best.get(q - from), VectorUtil.dotProduct(queries[q], base[i]), i, k);
                }
            }
            for (int q = from; q < to; q++) {
                truth[q] = bestFirst(best.get(q - from));
            }
        });
        return truth;
    }

    private static void offer(PriorityQueue<float[]> best, float score, int row, int k) {
        if (best.size() < k || score > best.peek()[0]) {
            best.add(new float[] {score, row});
            if (best.size() > k) {
                best.poll();
            }
        }
    }

    private static int[] bestFirst(PriorityQueue<float[]> best) {
        int[] ids = new int[best.size()];
        for (int i = ids.length - 1; i >= 0; i--) {
            ids[i] = (int) best.poll()[1];
        }
        return ids;
    }
}
