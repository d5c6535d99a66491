package org.ssl4j.data.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;

class TableAugmentationsTest {

    private static final int ROWS = 200;
    private static final int COLUMNS = 50;

    /** Row i, column j holds 1000 * j + i: every value names its column. */
    private static NDArray table(NDManager manager) {
        float[] values = new float[ROWS * COLUMNS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLUMNS; j++) {
                values[i * COLUMNS + j] = 1000 * j + i + 1;
            }
        }
        return manager.create(values, new Shape(ROWS, COLUMNS));
    }

    @Test
    void featureDropoutZeroesAboutAShareOfValuesAndKeepsTheRest() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = table(manager);
            float[] before = batch.toFloatArray();
            Engine.getInstance().setRandomSeed(5);
            float[] out = new FeatureDropout(0.3f).apply(batch, new Random(0)).toFloatArray();
            int dropped = 0;
            for (int k = 0; k < out.length; k++) {
                if (out[k] == 0) {
                    dropped++;
                } else {
                    assertEquals(before[k], out[k]);
                }
            }
            assertEquals(0.3, dropped / (double) out.length, 0.02);
            assertArrayEquals(before, batch.toFloatArray(), "the input is not modified");
            Engine.getInstance().setRandomSeed(5);
            assertArrayEquals(out, new FeatureDropout(0.3f).apply(batch, new Random(0)).toFloatArray(), "seeded");
        }
    }

    @Test
    void swapNoiseTakesEveryValueFromTheSameColumn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = table(manager);
            float[] before = batch.toFloatArray();
            Engine.getInstance().setRandomSeed(9);
            float[] out = new SwapNoise(0.4f).apply(batch, new Random(0)).toFloatArray();
            int changed = 0;
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < COLUMNS; j++) {
                    float value = out[i * COLUMNS + j];
                    assertEquals(j, (int) (value / 1000), "row " + i + " column " + j + " got " + value);
                    if (value != before[i * COLUMNS + j]) {
                        changed++;
                    }
                }
            }
            // a swapped value comes from its own row with probability 1/ROWS
            assertEquals(0.4, changed / (double) out.length, 0.02);
            assertArrayEquals(before, batch.toFloatArray(), "the input is not modified");
            Engine.getInstance().setRandomSeed(9);
            assertArrayEquals(out, new SwapNoise(0.4f).apply(batch, new Random(0)).toFloatArray(), "seeded");
        }
    }

    @Test
    void swapNoiseNeedsRows() {
        DataSpec images = new DataSpec(new Shape(1, 4, 4), 2, List.of("a", "b"), "images");
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> new SwapNoiseConfig(0.1).create(images));
        assertTrue(e.problem().contains("(1, 4, 4)"), e.problem());
        assertThrows(InvalidConfigException.class, () -> new FeatureDropoutConfig(1.5));
    }
}
