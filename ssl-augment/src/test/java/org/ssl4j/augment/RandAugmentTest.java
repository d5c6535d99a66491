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
import org.junit.jupiter.api.function.Executable;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;

class RandAugmentTest {

    private static NDArray images(NDManager manager, int n) {
        Engine.getInstance().setRandomSeed(1);
        return manager.randomNormal(new Shape(n, 3, 8, 8));
    }

    @Test
    void keepsShapeTypeAndEachImagesRangeWithoutCutout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = images(manager, 12);
            float[] before = batch.toFloatArray();
            Augmentation strong =
                    new RandAugmentConfig(3, 30, true, 0).create(FlipAndShiftTest.IMAGES);
            NDArray view = strong.apply(batch, new Random(4));
            assertEquals(batch.getShape(), view.getShape());
            assertEquals(DataType.FLOAT32, view.getDataType());
            assertArrayEquals(before, batch.toFloatArray(), "the input is not modified");
            float[] out = view.toFloatArray();
            assertFalse(Arrays.equals(before, out));
            for (int i = 0; i < 12; i++) {
                float[] in = Arrays.copyOfRange(before, i * 192, i * 192 + 192);
                float low = min(in);
                float high = -min(negate(in));
                for (int j = i * 192; j < i * 192 + 192; j++) {
                    assertTrue(out[j] >= low - 1e-5f && out[j] <= high + 1e-5f, "value " + j);
                }
            }
        }
    }

    @Test
    void eachImageGetsTheOperationItDrew() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 20;
            NDArray batch = images(manager, n);
            float[] out =
                    new RandAugment(1, 10, true, 0).apply(batch, new Random(8)).toFloatArray();
            Random draws = new Random(8);
            RandAugmentOp[] ops = RandAugmentOp.values();
            for (int i = 0; i < n; i++) {
                RandAugmentOp op = ops[draws.nextInt(ops.length)];
                int magnitude = 1 + draws.nextInt(10);
                float strength = (draws.nextBoolean() ? 1f : -1f) * magnitude / 30f;
                NDArray image = batch.get(i).expandDims(0);
                NDArray low = image.min();
                NDArray span = image.max().sub(low);
                NDArray unit = image.sub(low).div(span);
                NDArray expected = op.apply(unit, new float[] {strength}).mul(span).add(low);
                assertArrayEquals(
                        expected.toFloatArray(),
                        Arrays.copyOfRange(out, i * 192, i * 192 + 192),
                        1e-5f,
                        "image " + i + " with " + op);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameViewAndAnotherSeedAnotherOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = images(manager, 10);
            Augmentation strong =
                    new RandAugmentConfig(null, null, null, 4).create(FlipAndShiftTest.IMAGES);
            Engine.getInstance().setRandomSeed(3);
            float[] first = strong.apply(batch, new Random(21)).toFloatArray();
            Engine.getInstance().setRandomSeed(3);
            float[] again = strong.apply(batch, new Random(21)).toFloatArray();
            float[] other = strong.apply(batch, new Random(22)).toFloatArray();
            assertArrayEquals(first, again);
            assertFalse(Arrays.equals(first, other));
        }
    }

    @Test
    void cutoutErasesASquareWithTheBatchMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // a constant batch stays constant under every operation, so only cutout shows
            float[] values = new float[2 * 3 * 8 * 8];
            Arrays.fill(values, 0, values.length / 2, 1f);
            NDArray batch = manager.create(values, new Shape(2, 3, 8, 8));
            NDArray view = new RandAugment(2, 10, true, 2).apply(batch, new Random(6));
            float[] out = view.toFloatArray();
            long erased = Arrays.stream(boxed(out)).filter(v -> v == 0.5f).count();
            assertTrue(erased >= 3 && erased <= 2 * 3 * 4, "erased " + erased);
            assertEquals(erased % 3, 0);
        }
    }

    @Test
    void constantImagesStayConstantAndOnlyTheGivenOpsRun() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.full(new Shape(4, 3, 8, 8), -0.7f);
            NDArray view = new RandAugment(3, 30, false, 0).apply(batch, new Random(2));
            float[] out = view.toFloatArray();
            for (float v : out) {
                assertEquals(-0.7f, v, 1e-6f);
            }
            NDArray noOps = images(manager, 3);
            assertArrayEquals(
                    noOps.toFloatArray(),
                    new RandAugment(0, 10, true, 0).apply(noOps, new Random(2)).toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void leavesOnlyTheViewInTheBatchsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = images(manager, 16);
            int before = manager.getManagedArrays().size();
            new RandAugment(3, 30, true, 4).apply(batch, new Random(1));
            new FlipAndShift(true, 2).apply(batch, new Random(1));
            new Cutout(3).apply(batch, new Random(1));
            assertEquals(before + 3, manager.getManagedArrays().size());
        }
    }

    @Test
    void defaultsChecksAndNonImageData() {
        RandAugmentConfig defaults = new RandAugmentConfig(null, null, null, null);
        assertEquals(new RandAugmentConfig(2, 10, true, 16), defaults);
        assertEquals("magnitude", rejectedField(() -> new RandAugmentConfig(2, 31, true, 0)));
        assertEquals("n", rejectedField(() -> new RandAugmentConfig(-1, 5, true, 0)));
        assertEquals("cutout", rejectedField(() -> new RandAugmentConfig(2, 5, true, -2)));
        InvalidConfigException error =
                assertThrows(
                        InvalidConfigException.class,
                        () -> defaults.create(IdentityConfigTest.VECTORS));
        assertTrue(error.getMessage().contains("randaugment"), error.getMessage());
        FlipAndShiftConfig weak = new FlipAndShiftConfig(null, null);
        assertTrue(
                assertThrows(
                                InvalidConfigException.class,
                                () -> weak.create(IdentityConfigTest.VECTORS))
                        .getMessage()
                        .contains("flip-and-shift"));
    }

    @Test
    void magnitudeMapsToTheDocumentedParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // full strength: brightness factor 1 - 0.95, posterize to 4 bits, solarize everything
            NDArray grey = manager.full(new Shape(1, 1, 2, 2), 200f / 255f);
            assertEquals(
                    0.05f * 200f / 255f,
                    RandAugmentOp.BRIGHTNESS.apply(grey, new float[] {-1f}).getFloat(0, 0, 0, 0),
                    1e-6f);
            assertEquals(
                    192f / 255f,
                    RandAugmentOp.POSTERIZE.apply(grey, new float[] {1f}).getFloat(0, 0, 0, 0),
                    1e-6f);
            assertEquals(
                    55f / 255f,
                    RandAugmentOp.SOLARIZE.apply(grey, new float[] {1f}).getFloat(0, 0, 0, 0),
                    1e-6f);
            assertEquals(
                    200f / 255f,
                    RandAugmentOp.SOLARIZE.apply(grey, new float[] {0f}).getFloat(0, 0, 0, 0),
                    1e-6f);
            // translate by 0.3 of the width 10 = 3 pixels
            NDArray row = manager.arange(0f, 10f, 1f).div(10f).reshape(1, 1, 1, 10);
            assertEquals(
                    0.3f,
                    RandAugmentOp.TRANSLATE_X.apply(row, new float[] {1f}).getFloat(0, 0, 0, 0),
                    1e-6f);
        }
    }

    private static String rejectedField(Executable construction) {
        return assertThrows(InvalidConfigException.class, construction).field();
    }

    private static float min(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static float[] negate(float[] values) {
        float[] negated = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            negated[i] = -values[i];
        }
        return negated;
    }

    private static Float[] boxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
