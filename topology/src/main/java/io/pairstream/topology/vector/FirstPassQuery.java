package io.pairstream.topology.vector;

/**
 * What the first pass of a two-pass scan knows of its query (see the store's inverted-file index):
 * the scale of its projection's code, one over its projection's norm, its remainder's norm, the
 * least share of the remainders' Cauchy–Schwarz bound granted, and the share of each code's
 * rounding allowance granted. {@link VectorUtil#keptByFirstPass} keeps a code when {@link #keeps}
 * says so.
 */
public record FirstPassQuery(float projectionScale, float inverseNorm, float remainder, float unrelated,
                             float allowanceShare) {

    /** The same query granting {@code share} of each code's rounding allowance. */
    public FirstPassQuery withAllowanceShare(float share) {
        return new FirstPassQuery(projectionScale, inverseNorm, remainder, unrelated, share);
    }

    /**
     * Whether a code whose projection scores {@code score} may still reach {@code beat}:
     * <pre>
     *   inside + remainder·r_x·clamp(inside·inverseNorm·n_x, unrelated, 1) + allowanceShare·a_x ≥ beat,
     *   inside = score·projectionScale·s_x,
     * </pre>
     * with the code's projection scale {@code s_x}, inverse norm {@code n_x}, remainder {@code r_x}
     * and rounding allowance {@code a_x}. The SIMD kernel does the same arithmetic in the same order.
     */
    public boolean keeps(int score, float scale, float itemInverseNorm, float itemRemainder, float allowance, float beat) {
        float inside = score * projectionScale * scale;
        float alike = Math.min(1f, Math.max(unrelated, inside * inverseNorm * itemInverseNorm));
        return inside + remainder * itemRemainder * alike + allowanceShare * allowance >= beat;
    }
}
