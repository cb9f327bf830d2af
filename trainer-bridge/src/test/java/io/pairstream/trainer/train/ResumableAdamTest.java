package io.pairstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ResumableAdamTest {

    @Test
    void shouldLeaveTheWeightsAloneAndClearTheGradientsWhenAGradientIsNotFinite() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             ResumableAdam adam = new ResumableAdam(manager, 0.1f, 0f)) {
            Linear linear = Linear.builder().setUnits(2).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            linear.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            ParameterStore store = new ParameterStore(manager, false);
            float[] before = linear.getParameters().get(0).getValue().getArray().toFloatArray();

            backward(manager, linear, store, Float.NaN);
            assertFalse(adam.step(linear.getParameters(), true), "a NaN gradient");
            assertArrayEquals(before, linear.getParameters().get(0).getValue().getArray().toFloatArray());
            assertEquals(1, adam.steps());

            backward(manager, linear, store, 1f);
            assertTrue(adam.step(linear.getParameters(), true), "the NaN was cleared with the gradient");
            float[] after = linear.getParameters().get(0).getValue().getArray().toFloatArray();
            for (int i = 0; i < after.length; i++) {
                assertTrue(Float.isFinite(after[i]) && after[i] != before[i], "weight " + i + " moved by a finite step");
            }
            assertFalse(adam.step(linear.getParameters(), false), "a non-finite loss skips the update too");
        }
    }

    private static void backward(NDManager manager, Linear linear, ParameterStore store, float scale) {
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray out = linear.forward(store, new NDList(manager.ones(new Shape(1, 3))), true).head();
            collector.backward(out.sum().mul(scale));
        }
    }
}
