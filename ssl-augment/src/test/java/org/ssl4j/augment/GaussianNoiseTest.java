package org.ssl4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;

class GaussianNoiseTest {

    private final Augmentation noise =
            new GaussianNoiseConfig(0.5).create(IdentityConfigTest.VECTORS);

    @Test
    void keepsShapeAndTypeAndChangesTheValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.ones(new Shape(4, 1, 5, 5));
            NDArray view = noise.apply(batch, new Random(1));
            assertEquals(batch.getShape(), view.getShape());
            assertEquals(DataType.FLOAT32, view.getDataType());
            assertFalse(Arrays.equals(batch.toFloatArray(), view.toFloatArray()));
            assertTrue(batch.eq(1f).all().getBoolean(), "the input batch is not modified");
        }
    }

    @Test
    void noiseHasTheConfiguredSpread() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.full(new Shape(200, 100), 3f);
            NDArray difference = noise.apply(batch, new Random(1)).sub(batch);
            float mean = difference.mean().getFloat();
            float std = difference.sub(mean).square().mean().sqrt().getFloat();
            // 20000 draws: standard errors about 0.0035 (mean) and 0.0025 (std)
            assertEquals(0f, mean, 0.02f);
            assertEquals(0.5f, std, 0.02f);
        }
    }

    @Test
    void sameEngineSeedGivesTheSameNoise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.zeros(new Shape(8, 3));
            Engine.getInstance().setRandomSeed(7);
            float[] first = noise.apply(batch, new Random(1)).toFloatArray();
            Engine.getInstance().setRandomSeed(7);
            float[] again = noise.apply(batch, new Random(2)).toFloatArray();
            Engine.getInstance().setRandomSeed(8);
            float[] other = noise.apply(batch, new Random(1)).toFloatArray();
            assertArrayEquals(first, again);
            assertFalse(Arrays.equals(first, other));
        }
    }

    @Test
    void rejectsAMissingOrNonPositiveStd() {
        assertEquals(
                "std",
                assertThrows(InvalidConfigException.class, () -> new GaussianNoiseConfig(null))
                        .field());
        assertEquals(
                "std",
                assertThrows(InvalidConfigException.class, () -> new GaussianNoiseConfig(0.0))
                        .field());
    }
}
