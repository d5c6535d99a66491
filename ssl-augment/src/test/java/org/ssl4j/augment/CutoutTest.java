package org.ssl4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;

class CutoutTest {

    @Test
    void setsASquareOfTheGivenSideAroundTheDrawnCentreToTheBatchMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 8;
            int side = 10;
            // +1 and -1 alternate, so the batch mean is 0 and every other value is not
            float[] values = new float[n * 2 * side * side];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 2 == 0 ? 1f : -1f;
            }
            NDArray batch = manager.create(values, new Shape(n, 2, side, side));
            Augmentation cutout = new CutoutConfig(4).create(FlipAndShiftTest.IMAGES);
            NDArray view = cutout.apply(batch, new Random(11));
            assertEquals(batch.getShape(), view.getShape());
            assertEquals(DataType.FLOAT32, view.getDataType());
            float[] out = view.toFloatArray();
            float[] expected = values.clone();
            Random draws = new Random(11);
            for (int i = 0; i < n; i++) {
                int top = draws.nextInt(side) - 2;
                int left = draws.nextInt(side) - 2;
                for (int c = 0; c < 2; c++) {
                    for (int y = Math.max(0, top); y < Math.min(side, top + 4); y++) {
                        for (int x = Math.max(0, left); x < Math.min(side, left + 4); x++) {
                            expected[((i * 2 + c) * side + y) * side + x] = 0f;
                        }
                    }
                }
            }
            assertArrayEquals(expected, out);
        }
    }

    @Test
    void erasesTheSameSquareInEveryChannel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.ones(new Shape(1, 3, 40, 40)).mul(2f);
            batch.set(new NDIndex("0, 0, 0, 0"), 0f);
            // one 0 among the 2s: the mean is not 2, so every erased value changes
            Random random = new Random(0);
            NDArray view = new Cutout(16).apply(batch, random);
            Random draws = new Random(0);
            int cy = draws.nextInt(40);
            int cx = draws.nextInt(40);
            long changed = view.neq(batch).sum().getLong();
            long rows = Math.min(40, cy + 8) - Math.max(0, cy - 8);
            long columns = Math.min(40, cx + 8) - Math.max(0, cx - 8);
            assertEquals(3 * rows * columns, changed);
        }
    }

    @Test
    void rejectsNonImagesAndABadSize() {
        InvalidConfigException error =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new CutoutConfig(null).create(IdentityConfigTest.VECTORS));
        assertEquals("type", error.field());
        assertEquals(true, error.getMessage().contains("cutout"));
        assertEquals(16, new CutoutConfig(null).size());
        assertEquals(
                "size",
                assertThrows(InvalidConfigException.class, () -> new CutoutConfig(0)).field());
    }
}
