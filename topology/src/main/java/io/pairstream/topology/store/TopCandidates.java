package io.pairstream.topology.store;

/**
 * The best {@code capacity} (score, ordinal) pairs seen so far, kept as a min-heap on parallel
 * primitive arrays so a scan over millions of codes allocates nothing. Equal scores (common with
 * quantised codes) are ordered by a caller-given tie key, so the result does not depend on scan
 * order and a restored store, whose lists hold the same items in another order, answers the same.
 */
final class TopCandidates {

    private final float[] scores;
    private final int[] ordinals;
    private final int[] tieKeys;
    private int size;

    TopCandidates(int capacity) {
        this.scores = new float[capacity];
        this.ordinals = new int[capacity];
        this.tieKeys = new int[capacity];
    }

    int size() {
        return size;
    }

    /** Whether a candidate with this score would enter; lets scans skip filter checks on losers. */
    boolean wouldAccept(float score) {
        return size < scores.length || score >= scores[0];
    }

    /** Whether this candidate would enter: its score, and on a tie with the worst held, its tie key. */
    boolean wouldAccept(float score, int tieKey) {
        return size < scores.length || score > scores[0] || score == scores[0] && tieKey > tieKeys[0];
    }

    /** The score a candidate must reach to enter once the heap is full; negative infinity until then. */
    float threshold() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(float score, int ordinal, int tieKey) {
        if (size < scores.length) {
            set(size, score, ordinal, tieKey);
            siftUp(size++);
        } else if (wouldAccept(score, tieKey)) {
            set(0, score, ordinal, tieKey);
            siftDown(0);
        }
    }

    private void set(int index, float score, int ordinal, int tieKey) {
        scores[index] = score;
        ordinals[index] = ordinal;
        tieKeys[index] = tieKey;
    }

    /** The candidates held, best first; empties the heap. */
    Ranked drainBestFirst() {
        int[] best = new int[size];
        float[] bestScores = new float[size];
        for (int i = size - 1; i >= 0; i--) {
            bestScores[i] = scores[0];
            best[i] = ordinals[0];
            removeTop();
        }
        return new Ranked(best, bestScores);
    }

    /** Ordinals and their scores, best first. */
    record Ranked(int[] ordinals, float[] scores) {
    }

    private void removeTop() {
        size--;
        set(0, scores[size], ordinals[size], tieKeys[size]);
        siftDown(0);
    }

    private void siftUp(int index) {
        int i = index;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int index) {
        int i = index;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && worse(left + 1, left) ? left + 1 : left;
            if (!worse(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private boolean worse(int a, int b) {
        return scores[a] < scores[b] || scores[a] == scores[b] && tieKeys[a] < tieKeys[b];
    }

    private void swap(int a, int b) {
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
        int ordinal = ordinals[a];
        ordinals[a] = ordinals[b];
        ordinals[b] = ordinal;
        int tieKey = tieKeys[a];
        tieKeys[a] = tieKeys[b];
        tieKeys[b] = tieKey;
    }
}
