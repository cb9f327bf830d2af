package io.pairstream.trainer.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * SimCLR's two parts, small enough for a CPU: the encoder (three 3×3 conv/batch-norm/ReLU stages,
 * max-pooling between them, global average pooling) whose output the linear probe judges, and the
 * projection head (linear, ReLU, linear) the contrastive loss sees and the probe does not.
 */
final class SimClrNetwork {

    static final int[] FILTERS = {32, 64, 128};
    static final int REPRESENTATION = FILTERS[FILTERS.length - 1];
    static final int PROJECTION = 64;

    private final Block encoder;
    private final SequentialBlock whole;

    SimClrNetwork() {
        SequentialBlock tower = new SequentialBlock();
        for (int stage = 0; stage < FILTERS.length; stage++) {
            tower.add(Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .setFilters(FILTERS[stage])
                            .optBias(false)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
            if (stage < FILTERS.length - 1) {
                tower.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        this.encoder = tower.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        Block head = new SequentialBlock()
                .add(Linear.builder().setUnits(REPRESENTATION).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(PROJECTION).build());
        this.whole = new SequentialBlock().add(encoder).add(head);
    }

    Block encoder() {
        return encoder;
    }

    /** Encoder then head: what training runs and what a checkpoint saves. */
    Block whole() {
        return whole;
    }
}
