package org.ssl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * Three updates of {@code w0 = [1, 1]} with the constant gradient {@code g = [1, -2]} and
 * {@code lr = 0.1}; the expected weights are worked out by hand in each test.
 */
class SgdOptimizerTest {

    private static final float[] START = {1f, 1f};
    private static final float[] GRADIENT = {1f, -2f};

    @Test
    void plainSgdMovesAgainstTheGradient() {
        // w3 = w0 - 3 * 0.1 * g
        assertArrayEquals(
                new float[] {0.7f, 1.6f},
                threeUpdates(new SgdConfig(0.1, null, null, null, null)),
                1e-6f);
    }

    @Test
    void momentumAccumulatesTheBuffer() {
        // buf = g, 1.9 g, 2.71 g; w3 = w0 - 0.1 * 5.61 g
        assertArrayEquals(
                new float[] {0.439f, 2.122f},
                threeUpdates(new SgdConfig(0.1, 0.9, false, null, null)),
                1e-6f);
    }

    @Test
    void nesterovStepsWithTheLookAhead() {
        // steps g + 0.9 buf = 1.9 g, 2.71 g, 3.439 g; w3 = w0 - 0.1 * 8.049 g
        assertArrayEquals(
                new float[] {0.1951f, 2.6098f},
                threeUpdates(new SgdConfig(0.1, 0.9, true, null, null)),
                1e-6f);
    }

    @Test
    void weightDecayAddsTheWeightToTheGradient() {
        // w <- w - 0.1 (g + 0.5 w) = 0.95 w - 0.1 g:
        // first: 0.85, 0.7075, 0.572125; second: 1.15, 1.2925, 1.427875
        assertArrayEquals(
                new float[] {0.572125f, 1.427875f},
                threeUpdates(new SgdConfig(0.1, null, null, 0.5, null)),
                1e-6f);
    }

    @Test
    void learningRateComesFromTheScheduleCountingFromZero() {
        Tracker rising = step -> 0.1f * (step + 1);
        // w3 = w0 - (0.1 + 0.2 + 0.3) g
        assertArrayEquals(
                new float[] {0.4f, 2.2f},
                threeUpdates(new SgdOptimizer(rising, 0f, false, 0f)),
                1e-6f);
    }

    @Test
    void leavesTheGradientAsItWas() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START);
            NDArray grad = manager.create(GRADIENT);
            new SgdConfig(0.1, 0.9, true, 0.5, null).create(3).update("w", weight, grad);
            assertArrayEquals(GRADIENT, grad.toFloatArray());
        }
    }

    @Test
    void leavesOnlyTheMomentumBufferInTheWeightsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START);
            NDArray grad = manager.create(GRADIENT);
            Optimizer sgd = new SgdConfig(0.1, 0.9, true, 0.5, null).create(3);
            for (int i = 0; i < 3; i++) {
                sgd.update("w", weight, grad);
            }
            assertEquals(3, manager.getManagedArrays().size(), "weight, gradient, momentum buffer");
        }
    }

    @Test
    void withoutMomentumLeavesNothingInTheWeightsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START);
            NDArray grad = manager.create(GRADIENT);
            Optimizer sgd = new SgdConfig(0.1, null, null, 0.5, null).create(3);
            for (int i = 0; i < 3; i++) {
                sgd.update("w", weight, grad);
            }
            assertEquals(2, manager.getManagedArrays().size(), "weight and gradient only");
        }
    }

    @Test
    void keepsOneBufferPerParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray first = manager.create(START);
            NDArray second = manager.create(START);
            NDArray grad = manager.create(GRADIENT);
            Optimizer sgd = new SgdConfig(0.1, 0.9, false, null, null).create(3);
            sgd.update("first", first, grad);
            sgd.update("first", first, grad);
            sgd.update("second", second, grad);
            // first: buf g then 1.9 g, moved 0.29 g; second: buf g, moved 0.1 g
            assertArrayEquals(new float[] {0.71f, 1.58f}, first.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.9f, 1.2f}, second.toFloatArray(), 1e-6f);
        }
    }

    private static float[] threeUpdates(SgdConfig config) {
        return threeUpdates(config.create(3));
    }

    private static float[] threeUpdates(Optimizer optimizer) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START);
            NDArray grad = manager.create(GRADIENT);
            for (int i = 0; i < 3; i++) {
                optimizer.update("w", weight, grad);
            }
            return weight.toFloatArray();
        }
    }
}
