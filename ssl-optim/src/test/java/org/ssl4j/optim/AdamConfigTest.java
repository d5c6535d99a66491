package org.ssl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import org.junit.jupiter.api.Test;

class AdamConfigTest {

    @Test
    void appliesDefaults() {
        AdamConfig config = new AdamConfig(0.01, null, null, null, null, null);
        assertEquals(0.9, config.beta1());
        assertEquals(0.999, config.beta2());
        assertEquals(1e-8, config.epsilon());
        assertEquals(0.0, config.weightDecay());
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRate() {
        // Adam's first step is lr * g / |g| (up to epsilon)
        assertArrayEquals(
                new float[] {0.99f, 1.01f},
                firstUpdate(new AdamConfig(0.01, null, null, null, null, null)),
                1e-5f);
    }

    @Test
    void firstStepUsesTheSchedulesRateOfUpdateZero() {
        // cosine with 2 warm-up steps: lr(0) = 0.01 / 2
        assertArrayEquals(
                new float[] {0.995f, 1.005f},
                firstUpdate(
                        new AdamConfig(
                                0.01, null, null, null, null, new CosineScheduleConfig(2, null))),
                1e-5f);
    }

    private static float[] firstUpdate(AdamConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {1f, 1f});
            NDArray grad = manager.create(new float[] {3f, -0.5f});
            Optimizer adam = config.create(100);
            adam.update("w", weight, grad);
            return weight.toFloatArray();
        }
    }
}
