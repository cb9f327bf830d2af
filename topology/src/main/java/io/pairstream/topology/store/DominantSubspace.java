package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Arrays;
import java.util.Optional;

/**
 * An orthonormal basis of the few directions that carry most of the learned centroids' energy.
 * Real embeddings are far from isotropic: MiniLM's 384-d text vectors put about 90% of their
 * centroids' energy in 96 directions, and mini-CLIP's nearly all of it in 48. Scanning a list then
 * starts with the int8 dot product of the projections (a quarter or an eighth of the bytes) plus an
 * allowance for the rest, and only the codes that allowance leaves in contention are scored in full
 * (see {@link IvfIndex}).
 *
 * <p>The basis is a function of the centroids alone, which are durable, so a restored index
 * derives the same basis: nothing more is stored. It is found by subspace iteration on the
 * centroids' second-moment matrix, trying {@link #CANDIDATE_FRACTIONS} of the dimension in turn and
 * keeping the first that holds {@link #ENERGY_WANTED} of the energy; when none does (e.g. random
 * clusters spread over every direction) there is no subspace and lists are scanned in full.
 */
final class DominantSubspace {

    /** Share of the centroids' energy a subspace must hold to be worth a first pass. */
    static final double ENERGY_WANTED = 0.9;
    /** Ranks tried, as divisors of the dimension: an eighth, then a quarter. */
    private static final int[] CANDIDATE_FRACTIONS = {8, 4};
    /** Ranks are whole multiples of this, so SIMD kernels need no scalar tail. */
    private static final int RANK_STEP = 16;
    private static final int MAX_ITERATIONS = 30;
    private static final double CONVERGED = 1e-5;

    private final float[] basis;
    private final int rank;
    private final int dimension;
    private final double energy;

    private DominantSubspace(float[] basis, int rank, int dimension, double energy) {
        this.basis = basis;
        this.rank = rank;
        this.dimension = dimension;
        this.energy = energy;
    }

    /** A projection's int8 code, its norm, and the norm of the vector's part outside the subspace. */
    record Projection(Int8Quantiser.Code code, float norm, float remainder) {

        /** One over the projection's norm, 0 when that is 0. */
        float inverseNorm() {
            return norm > 0f ? 1f / norm : 0f;
        }

        /** The rounding allowance of this projection's code and of {@code full}, the code of the whole vector. */
        float roundingAllowance(Int8Quantiser.Code full) {
            return Int8Quantiser.roundingAllowance(code.scale()) + Int8Quantiser.roundingAllowance(full.scale());
        }
    }

    /** The smallest candidate subspace holding enough of the centroids' energy, if any. */
    static Optional<DominantSubspace> of(float[] centroids, int dimension) {
        int count = centroids.length / dimension;
        float[] moments = secondMoments(centroids, count, dimension);
        double trace = 0;
        for (int i = 0; i < dimension; i++) {
            trace += moments[i * dimension + i];
        }
        for (int fraction : CANDIDATE_FRACTIONS) {
            int rank = dimension / fraction / RANK_STEP * RANK_STEP;
            if (rank == 0 || rank > count) {
                continue;
            }
            Iterated iterated = iterate(moments, centroids, rank, dimension);
            double energy = iterated.energy() / trace;
            if (energy >= ENERGY_WANTED) {
                return Optional.of(new DominantSubspace(iterated.basis(), rank, dimension, energy));
            }
        }
        return Optional.empty();
    }

    int rank() {
        return rank;
    }

    /** The share of the centroids' energy in this subspace. */
    double energy() {
        return energy;
    }

    /** The code of {@code vector}'s coordinates in the subspace and the norm of what lies outside it. */
    Projection project(float[] vector) {
        float[] coordinates = new float[rank];
        double inside = 0;
        for (int r = 0; r < rank; r++) {
            coordinates[r] = VectorUtil.dotProduct(vector, basis, r * dimension);
            inside += coordinates[r] * coordinates[r];
        }
        double outside = VectorUtil.squareNorm(vector) - inside;
        return new Projection(Int8Quantiser.quantise(coordinates), (float) Math.sqrt(inside),
                (float) Math.sqrt(Math.max(0, outside)));
    }

    /** The symmetric matrix {@code Σ c cᵀ} over the centroids, row by row: the upper half summed, then mirrored. */
    private static float[] secondMoments(float[] centroids, int count, int dimension) {
        float[] moments = new float[dimension * dimension];
        for (int c = 0; c < count; c++) {
            int row = c * dimension;
            for (int i = 0; i < dimension; i++) {
                float ci = centroids[row + i];
                for (int j = i; j < dimension; j++) {
                    moments[i * dimension + j] += ci * centroids[row + j];
                }
            }
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < i; j++) {
                moments[i * dimension + j] = moments[j * dimension + i];
            }
        }
        return moments;
    }

    /** An orthonormal basis, row by row, and the energy {@code Σ bᵀ M b} it captures. */
    private record Iterated(float[] basis, double energy) {
    }

    /**
     * Subspace iteration: starting from the span of the first centroids, multiply by the moment
     * matrix and re-orthonormalise until the captured energy stops rising. The product {@code M b}
     * of each basis row also gives the energy the basis captures, {@code Σ b·(M b)}.
     */
    private static Iterated iterate(float[] moments, float[] centroids, int rank, int dimension) {
        float[] basis = new float[rank * dimension];
        System.arraycopy(centroids, 0, basis, 0, rank * dimension);
        orthonormalise(basis, rank, dimension);
        double previous = 0;
        float[] row = new float[dimension];
        float[] next = new float[rank * dimension];
        for (int iteration = 0; ; iteration++) {
            double energy = 0;
            for (int r = 0; r < rank; r++) {
                System.arraycopy(basis, r * dimension, row, 0, dimension);
                for (int i = 0; i < dimension; i++) {
                    next[r * dimension + i] = VectorUtil.dotProduct(row, moments, i * dimension);
                    energy += row[i] * next[r * dimension + i];
                }
            }
            if (iteration == MAX_ITERATIONS || energy - previous <= CONVERGED * energy) {
                return new Iterated(basis, energy);
            }
            previous = energy;
            System.arraycopy(next, 0, basis, 0, basis.length);
            orthonormalise(basis, rank, dimension);
        }
    }

    /** Modified Gram–Schmidt on the rows; a row in the span of those before it is replaced by a unit axis. */
    private static void orthonormalise(float[] rows, int rank, int dimension) {
        int nextAxis = 0;
        for (int r = 0; r < rank; r++) {
            // Fewer than dimension rows come before, so some axis lies outside their span.
            while (!orthonormaliseRow(rows, r, dimension)) {
                Arrays.fill(rows, r * dimension, (r + 1) * dimension, 0f);
                rows[r * dimension + nextAxis++ % dimension] = 1f;
            }
        }
    }

    /** Takes from row {@code r} its parts along the rows before it and normalises it; false if nothing is left. */
    private static boolean orthonormaliseRow(float[] rows, int r, int dimension) {
        int offset = r * dimension;
        for (int s = 0; s < r; s++) {
            double along = 0;
            for (int i = 0; i < dimension; i++) {
                along += rows[offset + i] * rows[s * dimension + i];
            }
            for (int i = 0; i < dimension; i++) {
                rows[offset + i] -= (float) (along * rows[s * dimension + i]);
            }
        }
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            norm += rows[offset + i] * rows[offset + i];
        }
        if (norm <= 1e-12) {
            return false;
        }
        float inverse = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            rows[offset + i] *= inverse;
        }
        return true;
    }
}
