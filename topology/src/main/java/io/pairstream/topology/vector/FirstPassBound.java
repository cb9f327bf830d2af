package io.pairstream.topology.vector;

/**
 * What the first pass of a two-pass scan knows of its query (see the store's inverted-file index):
 * the scale of its projection's code, one over its projection's norm, its remainder's norm, the
 * least share of the remainders' Cauchy–Schwarz bound granted, and the score to reach.
 * {@link VectorUtil#keptByFirstPass} keeps a code when
 * <pre>
 *   inside + remainder·r_x·clamp(inside·inverseNorm·n_x, unrelated, 1) + a_x ≥ beat,
 *   inside = score·projectionScale·s_x,
 * </pre>
 * with the code's projection score, scale {@code s_x}, inverse norm {@code n_x}, remainder
 * {@code r_x} and rounding allowance {@code a_x}.
 */
public record FirstPassBound(float projectionScale, float inverseNorm, float remainder, float unrelated, float beat) {
}
