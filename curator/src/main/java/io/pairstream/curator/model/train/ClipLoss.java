package io.pairstream.curator.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * CLIP's symmetric InfoNCE loss with a learnable temperature. Labels are the (frozen, unit) text
 * embeddings of the batch's captions and a group id per item; predictions are the image embeddings
 * and the log logit scale. Items of one group (e.g. two shirts captioned differently) are all
 * positives of each other, so the targets are spread evenly over the group instead of forcing one
 * of them apart from the others.
 */
final class ClipLoss extends Loss {

    /** CLIP caps the logit scale at 100 to keep training stable. */
    private static final float MAX_LOG_SCALE = (float) Math.log(100);

    ClipLoss() {
        super("ClipLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray texts = labels.get(0);
        NDArray groups = labels.get(1);
        NDArray images = predictions.get(0);
        images = images.div(images.pow(2).sum(new int[] {1}, true).sqrt().add(1e-6f));
        NDArray scale = predictions.get(1).minimum(MAX_LOG_SCALE).exp();
        NDArray logits = images.matMul(texts.transpose()).mul(scale);
        long batch = groups.size();
        NDArray same = groups.reshape(batch, 1).eq(groups.reshape(1, batch)).toType(DataType.FLOAT32, false);
        NDArray targets = same.div(same.sum(new int[] {1}, true));
        NDArray imageToText = targets.mul(logits.logSoftmax(1)).sum(new int[] {1}).mean().neg();
        NDArray textToImage = targets.mul(logits.transpose().logSoftmax(1)).sum(new int[] {1}).mean().neg();
        return imageToText.add(textToImage).div(2);
    }
}
