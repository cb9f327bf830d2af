package io.pairstream.curator.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The image tower plus CLIP's learnable temperature, as one block so the optimiser updates both.
 * Outputs the tower's embeddings and the log of the logit scale; only the tower is kept after training.
 */
final class ClipTrainingBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    /** CLIP starts the temperature at 0.07. */
    private static final float INITIAL_LOG_SCALE = (float) Math.log(1 / 0.07);

    private final Block imageTower;
    private final Parameter logScale;

    ClipTrainingBlock(Block imageTower) {
        super(VERSION);
        this.imageTower = addChildBlock("imageTower", imageTower);
        this.logScale = addParameter(Parameter.builder()
                .setName("logScale")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer(INITIAL_LOG_SCALE))
                .build());
    }

    Block imageTower() {
        return imageTower;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList embeddings = imageTower.forward(parameterStore, inputs, training, params);
        NDArray scale = parameterStore.getValue(logScale, inputs.head().getDevice(), training);
        return new NDList(embeddings.head(), scale);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {imageTower.getOutputShapes(inputShapes)[0], new Shape(1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        imageTower.initialize(manager, dataType, inputShapes);
    }
}
