package io.pairstream.topology.store;

import java.util.Arrays;

/**
 * The quantised codes of one inverted list, stored contiguously so a probe is one linear scan.
 * When the index has a {@link DominantSubspace}, each entry also holds what the first pass of a
 * scan reads: the int8 code of its projection, the projection's inverse norm, the norm of its
 * remainder, and the rounding allowance of its two codes. Removal swaps the last
 * entry into the hole, so deletes cost as little as appends.
 */
final class PostingList {

    private static final int INITIAL_CAPACITY = 16;

    private final int dimension;
    private final int rank;
    private byte[] codes;
    private float[] scales;
    private int[] ordinals;
    private byte[] projectionCodes;
    private float[] projectionScales;
    private float[] remainders;
    private float[] inverseNorms;
    private float[] roundingAllowances;
    private int size;

    /** A list of codes of {@code dimension} bytes, with projections of {@code rank} bytes unless it is 0. */
    PostingList(int dimension, int rank) {
        this.dimension = dimension;
        this.rank = rank;
        this.codes = new byte[INITIAL_CAPACITY * dimension];
        this.scales = new float[INITIAL_CAPACITY];
        this.ordinals = new int[INITIAL_CAPACITY];
        this.projectionCodes = new byte[INITIAL_CAPACITY * rank];
        this.projectionScales = new float[rank > 0 ? INITIAL_CAPACITY : 0];
        this.remainders = new float[rank > 0 ? INITIAL_CAPACITY : 0];
        this.inverseNorms = new float[remainders.length];
        this.roundingAllowances = new float[remainders.length];
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

    byte[] projectionCodes() {
        return projectionCodes;
    }

    float projectionScale(int position) {
        return projectionScales[position];
    }

    float remainder(int position) {
        return remainders[position];
    }

    /**
     * The per-entry arrays the first pass reads, each valid to {@link #size()}: projection scales,
     * one over each projection's norm (0 when that is 0), remainder norms, and the rounding
     * allowances ({@link Int8Quantiser#roundingAllowance}) of each entry's projection and full codes.
     */
    float[] projectionScales() {
        return projectionScales;
    }

    float[] inverseNorms() {
        return inverseNorms;
    }

    float[] remainders() {
        return remainders;
    }

    float[] roundingAllowances() {
        return roundingAllowances;
    }

    /** Appends a vector's code, and its projection when the list holds them; returns its position. */
    int append(int ordinal, Int8Quantiser.Code code, DominantSubspace.Projection projection) {
        if (size == ordinals.length) {
            int capacity = size + (size >> 1) + 1;
            codes = Arrays.copyOf(codes, capacity * dimension);
            scales = Arrays.copyOf(scales, capacity);
            ordinals = Arrays.copyOf(ordinals, capacity);
            if (rank > 0) {
                projectionCodes = Arrays.copyOf(projectionCodes, capacity * rank);
                projectionScales = Arrays.copyOf(projectionScales, capacity);
                remainders = Arrays.copyOf(remainders, capacity);
                inverseNorms = Arrays.copyOf(inverseNorms, capacity);
                roundingAllowances = Arrays.copyOf(roundingAllowances, capacity);
            }
        }
        System.arraycopy(code.bytes(), 0, codes, size * dimension, dimension);
        scales[size] = code.scale();
        ordinals[size] = ordinal;
        if (rank > 0) {
            System.arraycopy(projection.code().bytes(), 0, projectionCodes, size * rank, rank);
            projectionScales[size] = projection.code().scale();
            remainders[size] = projection.remainder();
            inverseNorms[size] = projection.inverseNorm();
            roundingAllowances[size] = projection.roundingAllowance(code);
        }
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
        if (rank > 0) {
            System.arraycopy(projectionCodes, last * rank, projectionCodes, position * rank, rank);
            projectionScales[position] = projectionScales[last];
            remainders[position] = remainders[last];
            inverseNorms[position] = inverseNorms[last];
            roundingAllowances[position] = roundingAllowances[last];
        }
        return ordinals[position];
    }

    /** Appends the approximate floats of every entry to {@code out} from {@code offset}. */
    void dequantiseAll(float[] out, int offset) {
        for (int i = 0; i < size; i++) {
            Int8Quantiser.dequantise(codes, i * dimension, scales[i], out, offset + i * dimension, dimension);
        }
    }
}
