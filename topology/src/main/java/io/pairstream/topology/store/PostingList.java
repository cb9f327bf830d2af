package io.pairstream.topology.store;

import java.util.Arrays;

/**
 * The quantised codes of one inverted list, stored contiguously so a probe is one linear scan.
 * Removal swaps the last entry into the hole, so deletes cost as little as appends.
 */
final class PostingList {

    private static final int INITIAL_CAPACITY = 16;

    private final int dimension;
    private byte[] codes;
    private float[] scales;
    private int[] ordinals;
    private int size;

    PostingList(int dimension) {
        this.dimension = dimension;
        this.codes = new byte[INITIAL_CAPACITY * dimension];
        this.scales = new float[INITIAL_CAPACITY];
        this.ordinals = new int[INITIAL_CAPACITY];
    }

    int size() {
        return size;
    }

    byte[] codes() {
        return codes;
    }

    float scale(int position) {
        return scales[position];
    }

    int ordinal(int position) {
        return ordinals[position];
    }

    /** Appends a vector's code; returns its position. */
    int append(int ordinal, Int8Quantiser.Code code) {
        if (size == ordinals.length) {
            int capacity = size + (size >> 1) + 1;
            codes = Arrays.copyOf(codes, capacity * dimension);
            scales = Arrays.copyOf(scales, capacity);
            ordinals = Arrays.copyOf(ordinals, capacity);
        }
        System.arraycopy(code.bytes(), 0, codes, size * dimension, dimension);
        scales[size] = code.scale();
        ordinals[size] = ordinal;
        return size++;
    }

    /**
     * Removes the entry at {@code position} by moving the last entry there; returns the ordinal of
     * the moved entry, or -1 when the removed entry was the last.
     */
    int remove(int position) {
        int last = --size;
        if (position == last) {
            return -1;
        }
        System.arraycopy(codes, last * dimension, codes, position * dimension, dimension);
        scales[position] = scales[last];
        ordinals[position] = ordinals[last];
        return ordinals[position];
    }

    /** Appends the approximate floats of every entry to {@code out} from {@code offset}. */
    void dequantiseAll(float[] out, int offset) {
        for (int i = 0; i < size; i++) {
            Int8Quantiser.dequantise(codes, i * dimension, scales[i], out, offset + i * dimension, dimension);
        }
    }
}
