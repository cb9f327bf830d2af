package io.pairstream.bench.model;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX file run two ways on identical input tensors: through DJL's ONNX Runtime engine (a
 * predictor with DJL arrays in and out) and through the ONNX Runtime Java API directly. The
 * pre- and post-processing both paths share is left out, so the ratio shows what DJL itself costs.
 */
final class EngineOverhead implements AutoCloseable {

    /** A named input tensor: int64 token ids or float pixels, with its shape. */
    record Input(String name, long[] longs, float[] floats, long[] shape) {
    }

    private final ZooModel<NDList, NDList> djlModel;
    private final Predictor<NDList, NDList> predictor;
    private final OrtEnvironment environment;
    private final OrtSession session;

    EngineOverhead(Path onnxFile) throws IOException, ModelNotFoundException, MalformedModelException, OrtException {
        this.djlModel = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(onnxFile)
                .optEngine("OnnxRuntime")
                .build()
                .loadModel();
        this.predictor = djlModel.newPredictor();
        this.environment = OrtEnvironment.getEnvironment();
        this.session = environment.createSession(onnxFile.toString(), new OrtSession.SessionOptions());
    }

    List<String> inputNames() {
        return List.copyOf(session.getInputNames());
    }

    /** The declared shape of an input; dynamic dimensions are -1. */
    long[] inputShape(String name) throws OrtException {
        return ((TensorInfo) session.getInputInfo().get(name).getInfo()).getShape();
    }

    /** Runs the batch through DJL and returns the first output's values. */
    float[] viaDjl(List<Input> inputs) {
        try (NDManager manager = djlModel.getNDManager().newSubManager()) {
            NDList list = new NDList(inputs.size());
            for (Input input : inputs) {
                NDArray array = input.longs() != null
                        ? manager.create(input.longs(), new Shape(input.shape()))
                        : manager.create(input.floats(), new Shape(input.shape()));
                array.setName(input.name());
                list.add(array);
            }
            return predictor.predict(list).get(0).toFloatArray();
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the batch through ONNX Runtime directly and returns the first output's values. */
    float[] direct(List<Input> inputs) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Input input : inputs) {
                tensors.put(input.name(), input.longs() != null
                        ? OnnxTensor.createTensor(environment, LongBuffer.wrap(input.longs()), input.shape())
                        : OnnxTensor.createTensor(environment, FloatBuffer.wrap(input.floats()), input.shape()));
            }
            try (OrtSession.Result result = session.run(new HashMap<>(tensors))) {
                FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return values;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
        predictor.close();
        djlModel.close();
    }
}
