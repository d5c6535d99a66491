package org.ssl4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.DataSpec;

class FlipAndShiftTest {

    static final DataSpec IMAGES = new DataSpec(new Shape(1, 8, 8), 2, List.of("a", "b"), "test");

    @Test
    void flipMirrorsExactlyTheImagesThatDrewIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 16;
            NDArray batch = manager.arange(0f, n * 2 * 3 * 4f, 1f).reshape(n, 2, 3, 4);
            Augmentation flip = new FlipAndShiftConfig(true, 0).create(IMAGES);
            float[] out = flip.apply(batch, new Random(5)).toFloatArray();
            float[] in = batch.toFloatArray();
            float[] mirrored = batch.flip(3).toFloatArray();
            Random draws = new Random(5);
            int flipped = 0;
            for (int i = 0; i < n; i++) {
                boolean drew = draws.nextBoolean();
                flipped += drew ? 1 : 0;
                int from = i * 24;
                assertArrayEquals(
                        Arrays.copyOfRange(drew ? mirrored : in, from, from + 24),
                        Arrays.copyOfRange(out, from, from + 24),
                        "image " + i);
            }
            assertTrue(flipped > 0 && flipped < n, "both cases occur with this seed");
        }
    }

    @Test
    void shiftMovesAPixelByTheDrawnOffsets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 6;
            NDArray batch = manager.zeros(new Shape(n, 1, 8, 8));
            batch.set(new NDIndex(":, :, 3, 4"), 1f);
            Augmentation shift = new FlipAndShiftConfig(false, 2).create(IMAGES);
            float[] out = shift.apply(batch, new Random(9)).toFloatArray();
            Random draws = new Random(9);
            for (int i = 0; i < n; i++) {
                int dy = draws.nextInt(5) - 2;
                int dx = draws.nextInt(5) - 2;
                float[] expected = new float[64];
                expected[(3 - dy) * 8 + 4 - dx] = 1f;
                assertArrayEquals(
                        expected, Arrays.copyOfRange(out, i * 64, i * 64 + 64), "image " + i);
            }
        }
    }

    @Test
    void shiftReflectsAtTheBorder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 12;
            float[] image = {0, 1, 2, 3, 4, 5, 6, 7};
            NDArray batch = manager.create(image, new Shape(1, 1, 2, 4)).repeat(0, n);
            DataSpec small = new DataSpec(new Shape(1, 2, 4), 2, List.of("a", "b"), "test");
            float[] out =
                    new FlipAndShiftConfig(false, 1)
                            .create(small)
                            .apply(batch, new Random(3))
                            .toFloatArray();
            // rows for dy = -1, 0, 1 and columns for dx = -1, 0, 1, reflected at the border
            int[][] rows = {{1, 0}, {0, 1}, {1, 0}};
            int[][] columns = {{1, 0, 1, 2}, {0, 1, 2, 3}, {1, 2, 3, 2}};
            Random draws = new Random(3);
            for (int i = 0; i < n; i++) {
                int[] r = rows[draws.nextInt(3)];
                int[] c = columns[draws.nextInt(3)];
                float[] expected = new float[8];
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 4; x++) {
                        expected[y * 4 + x] = image[r[y] * 4 + c[x]];
                    }
                }
                assertArrayEquals(
                        expected, Arrays.copyOfRange(out, i * 8, i * 8 + 8), "image " + i);
            }
        }
    }

    @Test
    void keepsShapeAndTypeAndLeavesTheInputAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.randomNormal(new Shape(5, 3, 8, 8));
            float[] before = batch.toFloatArray();
            Augmentation weak = new FlipAndShiftConfig(null, null).create(IMAGES);
            NDArray view = weak.apply(batch, new Random(1));
            assertEquals(batch.getShape(), view.getShape());
            assertEquals(DataType.FLOAT32, view.getDataType());
            assertArrayEquals(before, batch.toFloatArray());
        }
    }

    @Test
    void defaultsAndChecks() {
        FlipAndShiftConfig defaults = new FlipAndShiftConfig(null, null);
        assertEquals(true, defaults.flip());
        assertEquals(4, defaults.pad());
        assertEquals(
                "pad",
                assertThrows(InvalidConfigException.class, () -> new FlipAndShiftConfig(true, -1))
                        .field());
        assertEquals(
                "pad",
                assertThrows(
                                InvalidConfigException.class,
                                () -> new FlipAndShiftConfig(true, 8).create(IMAGES))
                        .field());
    }
}
