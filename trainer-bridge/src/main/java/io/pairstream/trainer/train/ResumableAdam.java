package io.pairstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam whose moments can be saved and restored, so a resumed run continues exactly where the
 * checkpoint left it; DJL's own optimisers keep their state private. Updates in place and zeroes
 * each gradient after use (PyTorch accumulates gradients). A step whose gradients are not all
 * finite changes nothing: NaN or infinity in one weight would spread to every later step and into
 * the checkpoints.
 */
final class ResumableAdam implements AutoCloseable {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static final String STEPS_KEY = "adam.steps";
    private static final String UPDATES_KEY = "adam.updates";

    private final NDManager manager;
    private final float learningRate;
    private final float weightDecay;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private long steps;
    private long updates;

    ResumableAdam(NDManager parent, float learningRate, float weightDecay) {
        this.manager = parent.newSubManager();
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /**
     * One step: updates every trainable parameter from its gradient when {@code lossFinite} and all
     * gradients are finite, else leaves the weights as they are. Returns whether it updated them.
     */
    boolean step(PairList<String, Parameter> parameters, boolean lossFinite) {
        steps++;
        boolean apply = lossFinite && gradientsFinite(parameters);
        if (apply) {
            updates++;
            update(parameters);
        }
        for (Pair<String, Parameter> entry : parameters) {
            if (entry.getValue().requiresGradient()) {
                NDArray gradient = entry.getValue().getArray().getGradient();
                if (apply) {
                    gradient.subi(gradient);
                } else {
                    // Overwritten, not subtracted: NaN − NaN is NaN.
                    gradient.set(new float[Math.toIntExact(gradient.size())]);
                }
            }
        }
        return apply;
    }

    /** Steps taken, whether they updated the weights or not. */
    long steps() {
        return steps;
    }

    void save(OutputStream out) throws IOException {
        NDList state = new NDList();
        state.add(named(manager.create(new long[] {steps}), STEPS_KEY));
        state.add(named(manager.create(new long[] {updates}), UPDATES_KEY));
        means.forEach((id, m) -> state.add(named(m, "m." + id)));
        variances.forEach((id, v) -> state.add(named(v, "v." + id)));
        state.encode(out);
    }

    void load(InputStream in) throws IOException {
        NDList state = NDList.decode(manager, in);
        means.clear();
        variances.clear();
        for (NDArray array : state) {
            String name = array.getName();
            if (name.equals(STEPS_KEY)) {
                steps = array.toLongArray()[0];
            } else if (name.equals(UPDATES_KEY)) {
                updates = array.toLongArray()[0];
            } else if (name.startsWith("m.")) {
                means.put(name.substring(2), array);
            } else if (name.startsWith("v.")) {
                variances.put(name.substring(2), array);
            } else {
                throw new IOException("unexpected optimiser state " + name);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    private void update(PairList<String, Parameter> parameters) {
        float meanCorrection = 1 - (float) Math.pow(BETA1, updates);
        float varianceCorrection = 1 - (float) Math.pow(BETA2, updates);
        for (Pair<String, Parameter> entry : parameters) {
            Parameter parameter = entry.getValue();
            if (!parameter.requiresGradient()) {
                continue;
            }
            NDArray weight = parameter.getArray();
            NDArray gradient = weight.getGradient();
            NDArray mean = means.computeIfAbsent(entry.getKey(), k -> zeros(weight));
            NDArray variance = variances.computeIfAbsent(entry.getKey(), k -> zeros(weight));
            try (NDArray decay = weight.mul(weightDecay);
                 NDArray g = gradient.add(decay);
                 NDArray squared = g.square()) {
                mean.muli(BETA1).addi(g.muli(1 - BETA1));
                variance.muli(BETA2).addi(squared.muli(1 - BETA2));
            }
            try (NDArray corrected = variance.div(varianceCorrection);
                 NDArray denominator = corrected.sqrt().addi(EPSILON);
                 NDArray change = mean.mul(learningRate / meanCorrection).divi(denominator)) {
                weight.subi(change);
            }
        }
    }

    private static boolean gradientsFinite(PairList<String, Parameter> parameters) {
        for (Pair<String, Parameter> entry : parameters) {
            if (entry.getValue().requiresGradient()) {
                NDArray gradient = entry.getValue().getArray().getGradient();
                try (NDArray infinite = gradient.isInfinite();
                     NDArray nan = gradient.isNaN();
                     NDArray bad = infinite.logicalOr(nan);
                     NDArray any = bad.any()) {
                    if (any.getBoolean()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private NDArray zeros(NDArray like) {
        return manager.zeros(like.getShape(), like.getDataType());
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
