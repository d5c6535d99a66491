package org.ssl4j.models.efficientnet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.nd.Losses;

/**
 * A few optimiser steps of B0 with the small-input stem on 28x28 images (Fashion-MNIST's size),
 * the way the runtime trains: a forward pass in training mode inside one {@link
 * GradientCollector}, backward, then an optimiser update per parameter and the gradient zeroed.
 * The network memorises a batch of random images; with Adam at 1e-3 the loss falls from about 2
 * to below 0.1 in four steps, so halving it is a safe bar.
 */
class EfficientNetTrainingTest {

    private static final int STEPS = 4;
    private static final int BATCH = 6;

    @Test
    void b0OnSmallImagesLowersItsLossAndEveryParameterLearns() {
        DataSpec data = TestNetworks.images(1, 28, 10);
        // No dropout or drop path: each step's loss then depends on the parameters alone.
        EfficientNetConfig config = new EfficientNetConfig("b0", 0.0, 0.0, true, null, null);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = TestNetworks.initialised(config, data, manager);
            Engine.getInstance().setRandomSeed(1);
            NDArray images = manager.randomNormal(new Shape(BATCH, 1, 28, 28));
            NDArray labels = manager.randomInteger(0, 10, new Shape(BATCH), DataType.INT32);
            float[] losses = new float[STEPS];
            for (int step = 0; step < STEPS; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    NDArray x = images.duplicate();
                    x.attach(stepManager);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray loss =
                                Losses.crossEntropy(TestNetworks.forward(block, x, true), labels, 0f)
                                        .mean();
                        collector.backward(loss);
                        losses[step] = loss.getFloat();
                    }
                    update(block, adam, step == 0);
                }
            }
            assertTrue(Float.isFinite(losses[0]) && losses[0] > 1, "first loss " + losses[0]);
            assertTrue(
                    losses[STEPS - 1] < 0.5f * losses[0],
                    "losses " + Arrays.toString(losses));
        }
    }

    private static void update(Block block, Optimizer optimizer, boolean checkGradients) {
        for (Parameter parameter : block.getParameters().values()) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                if (checkGradients) {
                    assertTrue(
                            gradient.abs().sum().getFloat() > 0,
                            parameter.getName() + " got no gradient");
                }
                optimizer.update(parameter.getId(), weight, gradient);
                gradient.muli(0);
            }
        }
    }
}
