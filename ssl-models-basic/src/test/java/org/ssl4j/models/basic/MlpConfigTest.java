package org.ssl4j.models.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;

class MlpConfigTest {

    private static final DataSpec POINTS =
            new DataSpec(new Shape(2), 2, List.of("upper", "lower"), "points");
    private static final DataSpec DIGITS =
            new DataSpec(
                    new Shape(1, 28, 28),
                    10,
                    List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                    "digits");

    @Test
    void appliesDefaults() {
        MlpConfig config = new MlpConfig(null, null, null);
        assertEquals(List.of(64, 64), config.hidden());
        assertEquals("relu", config.activation());
        assertEquals(0.0, config.dropout());
    }

    @Test
    void mapsVectorsToOneLogitPerClass() {
        assertEquals(new Shape(5, 2), outputShape(new MlpConfig(null, null, null), POINTS, 5));
    }

    @Test
    void flattensImages() {
        assertEquals(
                new Shape(3, 10), outputShape(new MlpConfig(List.of(16), "tanh", 0.2), DIGITS, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh", "sigmoid", "leaky-relu"})
    void buildsWithEveryActivation(String activation) {
        MlpConfig config = new MlpConfig(List.of(3), activation, null);
        assertEquals(new Shape(4, 2), outputShape(config, POINTS, 4));
    }

    @Test
    void hasExactlyTheParametersOfItsLayers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialised(new MlpConfig(List.of(8, 8), null, null), POINTS, manager);
            long count = 0;
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                count += parameter.getValue().getArray().size();
            }
            // 2*8+8 + 8*8+8 + 8*2+2
            assertEquals(114, count);
        }
    }

    @Test
    void addsDropoutOnlyWhenTheRateIsPositive() {
        assertEquals(0, dropoutLayers(new MlpConfig(List.of(8, 8), null, null).build(POINTS)));
        assertEquals(2, dropoutLayers(new MlpConfig(List.of(8, 8), null, 0.5).build(POINTS)));
    }

    @Test
    void dropoutActsOnlyInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialised(new MlpConfig(List.of(64), null, 0.5), POINTS, manager);
            NDArray inputs = manager.ones(new Shape(4, 2));
            ParameterStore store = new ParameterStore(manager, false);
            float[] eval1 = block.forward(store, new NDList(inputs), false).head().toFloatArray();
            float[] eval2 = block.forward(store, new NDList(inputs), false).head().toFloatArray();
            float[] train = block.forward(store, new NDList(inputs), true).head().toFloatArray();
            assertTrue(Arrays.equals(eval1, eval2));
            assertFalse(Arrays.equals(eval1, train));
        }
    }

    @Test
    void rejectsAnUnknownActivationListingTheAllowedOnes() {
        InvalidConfigException error =
                assertThrows(InvalidConfigException.class, () -> new MlpConfig(null, "gelu", null));
        assertEquals("activation", error.field());
        assertEquals(
                "must be one of [relu, tanh, sigmoid, leaky-relu], got 'gelu'", error.problem());
    }

    @Test
    void rejectsBadWidthsAndRates() {
        assertEquals(
                "hidden[1]",
                assertThrows(
                                InvalidConfigException.class,
                                () -> new MlpConfig(List.of(8, 0), null, null))
                        .field());
        assertEquals(
                "hidden[0]",
                assertThrows(
                                InvalidConfigException.class,
                                () -> new MlpConfig(Arrays.asList((Integer) null), null, null))
                        .field());
        assertEquals(
                "dropout",
                assertThrows(InvalidConfigException.class, () -> new MlpConfig(null, null, 1.0))
                        .field());
        assertEquals(
                "dropout",
                assertThrows(InvalidConfigException.class, () -> new MlpConfig(null, null, -0.1))
                        .field());
    }

    private static Shape outputShape(MlpConfig config, DataSpec data, int batchSize) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialised(config, data, manager);
            NDArray inputs =
                    manager.randomUniform(
                            0f, 1f, new Shape(batchSize).addAll(data.exampleShape()));
            return block.forward(new ParameterStore(manager, false), new NDList(inputs), false)
                    .head()
                    .getShape();
        }
    }

    private static Block initialised(MlpConfig config, DataSpec data, NDManager manager) {
        Block block = config.build(data);
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(data.exampleShape()));
        return block;
    }

    private static long dropoutLayers(Block block) {
        return block.getChildren().values().stream().filter(Dropout.class::isInstance).count();
    }
}
