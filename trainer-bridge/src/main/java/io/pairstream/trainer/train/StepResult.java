package io.pairstream.trainer.train;

/**
 * What one completed training step did.
 *
 * @param step                  the step's number, from 1, counted across resumes
 * @param updated               false when a non-finite loss or gradient left the weights as they were
 * @param pairs                 pairs trained on
 * @param positivesUsed         pairs whose positive entered the loss
 * @param positivesLabelled     of those, pairs labelled on both sides
 * @param positivesAgreeing     of those, pairs whose two labels are equal
 * @param maskedNegatives       anchor–negative entries the strategy removed
 * @param maskedLabelled        of those, entries whose two anchors are both labelled
 * @param maskedSameLabel       of those, entries whose two anchors share a label (true false negatives)
 */
public record StepResult(long step, float loss, boolean updated, int pairs, int positivesUsed, int positivesLabelled, int positivesAgreeing,
                         long maskedNegatives, long maskedLabelled, long maskedSameLabel) {
}
