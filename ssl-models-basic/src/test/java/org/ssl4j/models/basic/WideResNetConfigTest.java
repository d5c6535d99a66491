package org.ssl4j.models.basic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.nd.Losses;

class WideResNetConfigTest {

    private static final DataSpec CIFAR = ImageBackbones.images(3, 32, 10);
    private static final DataSpec SMALL = ImageBackbones.images(3, 8, 10);

    @Test
    void appliesDefaults() {
        WideResNetConfig config = new WideResNetConfig(null, null, null, null, null);
        assertEquals(28, config.depth());
        assertEquals(2, config.width());
        assertEquals(0.2, config.dropout());
        assertEquals(0.1, config.leakySlope());
        assertEquals(0.001, config.bnMomentum());
    }

    @Test
    void wrn28x2HasThePyTorchParameterCountAndOneLogitPerClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block =
                    ImageBackbones.initialised(
                            new WideResNetConfig(null, null, null, null, null), CIFAR, manager);
            assertEquals(1_467_610, ImageBackbones.trainableParameters(block));
            NDArray inputs = manager.randomNormal(new Shape(2, 3, 32, 32));
            assertEquals(
                    new Shape(2, 10), ImageBackbones.forward(block, inputs, false).getShape());
        }
    }

    @Test
    void projectsTheShortcutOnlyWhenWidthOrStrideChanges() {
        // Width 1: the first group keeps 16 channels at stride 1, so only groups 2 and 3 project.
        List<Boolean> wrn10x1 = shortcuts(new WideResNetConfig(10, 1, 0.0, null, null));
        assertEquals(List.of(false, true, true), wrn10x1);
        // WRN-28-2: four blocks per group, the first of each group widens.
        List<Boolean> wrn28x2 = shortcuts(new WideResNetConfig(28, 2, null, null, null));
        assertEquals(12, wrn28x2.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i % 4 == 0, wrn28x2.get(i), "block " + i);
        }
    }

    @Test
    void depth10TrainsForwardAndBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block =
                    ImageBackbones.initialised(
                            new WideResNetConfig(10, 1, null, null, null), SMALL, manager);
            NDArray inputs = manager.randomNormal(new Shape(2, 3, 8, 8));
            NDArray labels = manager.create(new int[] {3, 7});
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = ImageBackbones.forward(block, inputs, true);
                assertEquals(new Shape(2, 10), logits.getShape());
                collector.backward(
                        Losses.crossEntropy(logits, labels, 0f).mean());
            }
            for (Parameter parameter : block.getParameters().values()) {
                if (parameter.requiresGradient()) {
                    try (NDArray gradient = parameter.getArray().getGradient()) {
                        assertNotNull(gradient);
                        assertTrue(
                                gradient.abs().sum().getFloat() > 0,
                                parameter.getName() + " got no gradient");
                    }
                }
            }
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block =
                    ImageBackbones.initialised(
                            new WideResNetConfig(10, 1, 0.5, null, null), SMALL, manager);
            NDArray inputs = manager.randomNormal(new Shape(2, 3, 8, 8));
            float[] eval1 = ImageBackbones.forward(block, inputs, false).toFloatArray();
            float[] eval2 = ImageBackbones.forward(block, inputs, false).toFloatArray();
            assertArrayEquals(eval1, eval2);
            // Training uses batch statistics and dropout; two training passes draw different masks.
            float[] train1 = ImageBackbones.forward(block, inputs, true).toFloatArray();
            float[] train2 = ImageBackbones.forward(block, inputs, true).toFloatArray();
            assertFalse(Arrays.equals(train1, train2));
        }
    }

    @Test
    void rejectsVectorData() {
        DataSpec vectors = new DataSpec(new Shape(2), 2, List.of("a", "b"), "points");
        InvalidConfigException error =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new WideResNetConfig(null, null, null, null, null).build(vectors));
        assertEquals("type", error.field());
        assertEquals(
                "wide-resnet needs image examples (C, H, W), but the data's examples have shape"
                        + " (2)",
                error.problem());
    }

    @Test
    void rejectsBadConfigs() {
        assertEquals("depth", field(() -> new WideResNetConfig(27, null, null, null, null)));
        assertEquals("depth", field(() -> new WideResNetConfig(4, null, null, null, null)));
        assertEquals("width", field(() -> new WideResNetConfig(null, 0, null, null, null)));
        assertEquals("dropout", field(() -> new WideResNetConfig(null, null, 1.0, null, null)));
        assertEquals("dropout", field(() -> new WideResNetConfig(null, null, -0.1, null, null)));
        assertEquals(
                "leakySlope", field(() -> new WideResNetConfig(null, null, null, -0.1, null)));
        assertEquals("bnMomentum", field(() -> new WideResNetConfig(null, null, null, null, 0.0)));
        assertEquals("bnMomentum", field(() -> new WideResNetConfig(null, null, null, null, 1.5)));
    }

    private static String field(Runnable construction) {
        return assertThrows(InvalidConfigException.class, construction::run).field();
    }

    private static List<Boolean> shortcuts(WideResNetConfig config) {
        return config.build(CIFAR).getChildren().values().stream()
                .filter(WideResNetBlock.class::isInstance)
                .map(block -> ((WideResNetBlock) block).hasProjectionShortcut())
                .toList();
    }
}
