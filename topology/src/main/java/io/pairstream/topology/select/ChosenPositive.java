package io.pairstream.topology.select;

import io.pairstream.topology.config.PositiveStrategy;
import io.pairstream.topology.store.VectorItem;
import java.util.List;

/**
 * A stored sample chosen as an anchor's positive, with the similarities that describe the pair.
 *
 * @param rank               1-based rank of the positive among the anchor's neighbours under the guiding similarity
 * @param guidingSimilarity  the similarity the strategy ranks by
 * @param crossSimilarity    mean of anchor image with positive caption and positive image with anchor caption
 * @param falseNegativeHints ids of the anchor's most similar stored samples, most similar first
 */
record ChosenPositive(PositiveStrategy strategy, int rank, VectorItem positive, float guidingSimilarity,
                      float textSimilarity, float imageSimilarity, float crossSimilarity, List<String> falseNegativeHints) {
}
