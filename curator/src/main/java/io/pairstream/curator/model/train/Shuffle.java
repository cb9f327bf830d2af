package io.pairstream.curator.model.train;

import java.util.Random;

/** Seeded Fisher–Yates shuffles of index arrays, so a training run is reproducible from its seed. */
final class Shuffle {

    private Shuffle() {
    }

    /** {@code first, first + 1, …, first + count - 1} in random order. */
    static int[] permutation(int count, int first, Random random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = first + i;
        }
        inPlace(order, random);
        return order;
    }

    static void inPlace(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
