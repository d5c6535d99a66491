package org.ssl4j.models.basic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;

class ImageLayersTest {

    @Test
    void batchNormTakesThePyTorchMomentumAndStartsAtScaleOneShiftZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm norm = ImageLayers.batchNorm(0.25);
            norm.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
            assertArrayEquals(new float[] {1f}, parameter(norm, Parameter.Type.GAMMA));
            assertArrayEquals(new float[] {0f}, parameter(norm, Parameter.Type.BETA));
            NDArray inputs = manager.create(new float[] {1, 2, 3, 6}, new Shape(2, 1, 1, 2));
            norm.forward(new ParameterStore(manager, false), new NDList(inputs), true);
            // Batch mean 3, unbiased variance 14 / 3.
            // PyTorch's convention: running = 0.75 * running + 0.25 * batch.
            assertEquals(0.75f, parameter(norm, Parameter.Type.RUNNING_MEAN)[0], 1e-6f);
            assertEquals(
                    0.75f + 0.25f * 14f / 3f,
                    parameter(norm, Parameter.Type.RUNNING_VAR)[0],
                    1e-5f);
        }
    }

    @Test
    void kaimingFanOutScalesByOutputChannels() {
        // 64 filters of 3x3 over 16 channels: fan_out 576, fan_in 144.
        assertEquals(Math.sqrt(2.0 / 576), weightStd(ImageLayers.KAIMING_FAN_OUT), 0.003);
        assertEquals(Math.sqrt(2.0 / 144), weightStd(ImageLayers.KAIMING_FAN_IN), 0.006);
    }

    private static double weightStd(Initializer initializer) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2d conv = ImageLayers.conv(64, 3, 1, false, initializer);
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 16, 8, 8));
            float[] weights = parameter(conv, Parameter.Type.WEIGHT);
            double sumOfSquares = 0;
            for (float w : weights) {
                sumOfSquares += w * w;
            }
            return Math.sqrt(sumOfSquares / weights.length);
        }
    }

    private static float[] parameter(Block block, Parameter.Type type) {
        return block.getParameters().values().stream()
                .filter(p -> p.getType() == type)
                .findFirst()
                .orElseThrow()
                .getArray()
                .toFloatArray();
    }
}
