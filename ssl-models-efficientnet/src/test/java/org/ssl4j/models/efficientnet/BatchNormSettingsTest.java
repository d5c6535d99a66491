package org.ssl4j.models.efficientnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** DJL's batch norm momentum runs opposite to PyTorch's; the settings translate it. */
class BatchNormSettingsTest {

    @Test
    void runningStatisticsFollowPyTorchsMomentum() {
        BatchNormSettings settings = new BatchNormSettings(1e-3, 0.1);
        assertEquals(0.9, settings.djlMomentum(), 1e-12);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm norm = Layers.batchNorm(settings);
            norm.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
            // One channel holding 1, 2, 3, 6: mean 3, unbiased variance (4 + 1 + 0 + 9) / 3.
            NDArray x = manager.create(new float[] {1, 2, 3, 6}, new Shape(2, 1, 1, 2));
            norm.forward(new ParameterStore(manager, false), new NDList(x), true);
            // PyTorch: running = (1 - 0.1) * running + 0.1 * batch, from mean 0 and variance 1.
            assertArrayEquals(new float[] {0.3f}, running(norm, Parameter.Type.RUNNING_MEAN), 1e-6f);
            assertArrayEquals(
                    new float[] {0.9f + 0.1f * 14f / 3f},
                    running(norm, Parameter.Type.RUNNING_VAR),
                    1e-6f);
            // Evaluation normalises with the running statistics and epsilon 1e-3.
            NDArray y = norm.forward(new ParameterStore(manager, false), new NDList(x), false).head();
            float std = (float) Math.sqrt(0.9f + 0.1f * 14f / 3f + 1e-3f);
            assertArrayEquals(
                    new float[] {(1 - 0.3f) / std, (2 - 0.3f) / std, (3 - 0.3f) / std, (6 - 0.3f) / std},
                    y.toFloatArray(),
                    1e-5f);
        }
    }

    private static float[] running(BatchNorm norm, Parameter.Type type) {
        return norm.getParameters().values().stream()
                .filter(parameter -> parameter.getType() == type)
                .findFirst()
                .orElseThrow()
                .getArray()
                .toFloatArray();
    }
}
