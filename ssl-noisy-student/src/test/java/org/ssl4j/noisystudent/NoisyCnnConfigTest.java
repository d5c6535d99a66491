package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;

class NoisyCnnConfigTest {

    private static final DataSpec IMAGES =
            new DataSpec(new Shape(1, 28, 28), 10, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), "images");

    private static long parameters(Block block) {
        return block.getParameters().values().stream()
                .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
                .mapToLong(p -> p.getArray().size())
                .sum();
    }

    private static NDArray run(Block block, NDArray inputs, boolean training) {
        return block.forward(new ParameterStore(inputs.getManager(), false), new NDList(inputs), training)
                .singletonOrThrow();
    }

    @Test
    void widthOneWithoutBlocksHasTheSmallCnnsParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = new NoisyCnnConfig(null, null, null, null).build(IMAGES);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));

            // conv 1->32: 320, bn 64; conv 32->64: 18,496, bn 128; conv 64->128: 73,856, bn 256;
            // linear 128->10: 1,290; 94,410 in all, as small-cnn
            assertEquals(94_410, parameters(block));
            assertEquals(new Shape(3, 10), run(block, manager.randomNormal(new Shape(3, 1, 28, 28)), false).getShape());
        }
    }

    @Test
    void widthAndBlocksMakeItLargerAndKeepTheOutputShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = new NoisyCnnConfig(1.5, 1, 0.5, 0.8).build(IMAGES);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));

            assertFalse(parameters(block) <= 94_410);
            assertEquals(new Shape(2, 10), run(block, manager.randomNormal(new Shape(2, 1, 28, 28)), true).getShape());
        }
    }

    @Test
    void stochasticDepthDropsWholeBranchesPerExampleInTrainingOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NoisyCnnConfig config = new NoisyCnnConfig(0.25, 1, 0.0, 0.5);
            Block block = config.build(IMAGES);
            Engine.getInstance().setRandomSeed(3);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray inputs = manager.randomNormal(new Shape(64, 1, 28, 28));

            NDArray first = run(block, inputs, false);
            NDArray second = run(block, inputs, false);
            assertArrayEquals(first.toFloatArray(), second.toFloatArray(), "evaluation is deterministic");
            // two training passes drop different branches (survival 0.5 to 0.83 over 3 blocks)
            NDArray trainingOne = run(block, inputs, true);
            NDArray trainingTwo = run(block, inputs, true);
            assertFalse(trainingOne.allClose(trainingTwo));
        }
    }

    @Test
    void survivalFallsLinearlyToTheConfiguredValueAtTheLastBlock() {
        ResidualBlock[] blocks =
                new NoisyCnnConfig(1.0, 2, null, 0.7).build(IMAGES).getChildren().values().stream()
                        .filter(ResidualBlock.class::isInstance)
                        .map(ResidualBlock.class::cast)
                        .toArray(ResidualBlock[]::new);

        float[] survival = new float[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            survival[i] = blocks[i].survival();
        }
        assertArrayEquals(new float[] {0.95f, 0.9f, 0.85f, 0.8f, 0.75f, 0.7f}, survival, 1e-6f);
    }

    @Test
    void rejectsOutOfRangeSettingsAndVectors() {
        assertThrows(InvalidConfigException.class, () -> new NoisyCnnConfig(0.1, null, null, null));
        assertThrows(InvalidConfigException.class, () -> new NoisyCnnConfig(null, 9, null, null));
        assertThrows(InvalidConfigException.class, () -> new NoisyCnnConfig(null, null, 1.0, null));
        assertThrows(InvalidConfigException.class, () -> new NoisyCnnConfig(null, null, null, 0.0));
        DataSpec vectors = new DataSpec(new Shape(2), 2, List.of("a", "b"), "vectors");
        assertThrows(InvalidConfigException.class, () -> new NoisyCnnConfig(null, null, null, null).build(vectors));
    }
}
