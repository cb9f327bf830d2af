package io.pairstream.topology.select;

import java.util.List;

/**
 * The outcome of selecting positives for one anchor.
 *
 * @param positives      the chosen pairs, per strategy in configured order, best first
 * @param examined       candidates looked at over all strategies
 * @param nearDuplicates candidates skipped because their image is a near-duplicate of the anchor's
 * @param recallHits     neighbours the approximate search shared with an exact one, when sampled
 * @param recallSampled  neighbours the exact search returned; 0 when this anchor was not sampled
 */
record Selection(List<ChosenPositive> positives, int examined, int nearDuplicates, int recallHits, int recallSampled) {
}
