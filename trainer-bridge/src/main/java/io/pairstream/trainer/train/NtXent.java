package io.pairstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * SimCLR's NT-Xent loss with per-anchor negative masks and per-pair weights. For a batch of
 * {@code n} pairs of views {@code (a_i, b_i)}, each of the {@code 2n} views has the other view of its
 * pair as positive and the other {@code 2n − 2} views as negatives, less those of samples
 * {@code j} with {@code masked[i][j]}; on L2-normalised rows with temperature {@code t},
 * {@code ℓ(r) = −log(exp(s(r,p)/t) / (exp(s(r,p)/t) + Σ_negatives exp(s(r,c)/t)))}. The loss is the
 * weighted mean of {@code ℓ} over all rows, both views of pair {@code i} weighing {@code weights[i]}.
 */
final class NtXent {

    /** Added to a masked logit: exp of it is 0 in float arithmetic. */
    private static final float MASKED = -1e9f;

    private NtXent() {
    }

    static NDArray loss(NDArray a, NDArray b, boolean[][] masked, float[] weights, float temperature) {
        int n = Math.toIntExact(a.getShape().get(0));
        if (masked.length != n || weights.length != n || b.getShape().get(0) != n) {
            throw new IllegalArgumentException("views, masks and weights must all cover " + n + " pairs");
        }
        NDManager manager = a.getManager();
        NDArray z = normalise(a.concat(b, 0));
        NDArray logits = z.matMul(z.transpose()).div(temperature);
        int rows = 2 * n;
        float[] exclusion = new float[rows * rows];
        float[] positive = new float[rows * rows];
        float[] rowWeights = new float[rows];
        float totalWeight = 0;
        for (int r = 0; r < rows; r++) {
            int i = r % n;
            int partner = (r + n) % rows;
            rowWeights[r] = weights[i];
            totalWeight += weights[i];
            for (int c = 0; c < rows; c++) {
                int j = c % n;
                boolean excluded = c == r || (c != partner && masked[i][j]);
                exclusion[r * rows + c] = excluded ? MASKED : 0f;
            }
            positive[r * rows + partner] = 1f;
        }
        Shape square = new Shape(rows, rows);
        NDArray logProbabilities = logits.add(manager.create(exclusion, square)).logSoftmax(1);
        NDArray rowLoss = logProbabilities.mul(manager.create(positive, square)).sum(new int[] {1}).neg();
        NDArray weighted = rowLoss.mul(manager.create(rowWeights)).sum();
        // With every pair weighted out the loss is 0, still attached to the graph so backward works.
        return totalWeight > 0 ? weighted.div(totalWeight) : weighted.mul(0f);
    }

    /** Rows scaled to unit length; the epsilon inside the root keeps the gradient finite at a zero row. */
    static NDArray normalise(NDArray rows) {
        return rows.div(rows.pow(2).sum(new int[] {1}, true).add(1e-12f).sqrt());
    }
}
