package org.ssl4j.models.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.nd.Losses;

class SmallCnnConfigTest {

    private static final DataSpec DIGITS = ImageBackbones.images(1, 28, 10);

    @Test
    void hasThePyTorchParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ImageBackbones.initialised(new SmallCnnConfig(), DIGITS, manager);
            // conv 1*9*32+32, bn 2*32; conv 32*9*64+64, bn 2*64; conv 64*9*128+128, bn 2*128;
            // linear 128*10+10
            long expected = 320 + 64 + 18_496 + 128 + 73_856 + 256 + 1_290;
            assertEquals(94_410, expected);
            assertEquals(expected, ImageBackbones.trainableParameters(block));
        }
    }

    @Test
    void mapsImagesToOneLogitPerClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ImageBackbones.initialised(new SmallCnnConfig(), DIGITS, manager);
            NDArray inputs = manager.randomNormal(new Shape(2, 1, 28, 28));
            assertEquals(new Shape(2, 10), ImageBackbones.forward(block, inputs, false).getShape());
            assertEquals(new Shape(2, 10), ImageBackbones.forward(block, inputs, true).getShape());
        }
    }

    @Test
    void takesColourImagesOfOtherSizes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DataSpec colour = ImageBackbones.images(3, 32, 4);
            Block block = ImageBackbones.initialised(new SmallCnnConfig(), colour, manager);
            NDArray inputs = manager.randomNormal(new Shape(2, 3, 32, 32));
            assertEquals(new Shape(2, 4), ImageBackbones.forward(block, inputs, false).getShape());
        }
    }

    @Test
    void plainSgdLowersTheLossOnATinyBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DataSpec data = ImageBackbones.images(1, 8, 3);
            Block block = ImageBackbones.initialised(new SmallCnnConfig(), data, manager);
            Engine.getInstance().setRandomSeed(1);
            NDArray inputs = manager.randomNormal(new Shape(6, 1, 8, 8));
            NDArray labels = manager.create(new int[] {0, 1, 2, 0, 1, 2});
            float first = sgdStep(block, inputs, labels, 0.1f);
            float last = first;
            for (int step = 0; step < 9; step++) {
                last = sgdStep(block, inputs, labels, 0.1f);
            }
            assertTrue(last < 0.5f * first, "loss went from " + first + " to " + last);
        }
    }

    @Test
    void rejectsVectorData() {
        DataSpec vectors = new DataSpec(new Shape(784), 2, List.of("a", "b"), "flat digits");
        InvalidConfigException error =
                assertThrows(
                        InvalidConfigException.class, () -> new SmallCnnConfig().build(vectors));
        assertEquals("type", error.field());
        assertTrue(error.problem().startsWith("small-cnn needs image examples (C, H, W)"));
    }

    /**
     * One training-mode forward and backward in the caller's thread, then {@code p -= lr * grad}
     * after the collector closes (DJL forbids in-place updates of leaves inside it).
     *
     * @return the mean cross-entropy before the update
     */
    private static float sgdStep(Block block, NDArray inputs, NDArray labels, float learningRate) {
        float loss;
        try (NDManager step = inputs.getManager().newSubManager()) {
            NDArray stepInputs = inputs.duplicate();
            stepInputs.attach(step);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = ImageBackbones.forward(block, stepInputs, true);
                NDArray mean = Losses.crossEntropy(logits, labels, 0f).mean();
                loss = mean.getFloat();
                collector.backward(mean);
            }
        }
        for (Parameter parameter : block.getParameters().values()) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient();
                    NDArray update = gradient.mul(learningRate)) {
                weight.subi(update);
                gradient.muli(0);
            }
        }
        return loss;
    }
}
