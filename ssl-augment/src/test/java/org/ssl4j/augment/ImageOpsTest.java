package org.ssl4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageOpsTest {

    private static final float EPS = 1e-6f;
    private static final float FILL = 0.5f;

    /** A 1 x 1 x side x side image holding {@code 0, 1, 2, ...} scaled by {@code scale}. */
    private static NDArray ramp(NDManager manager, int side, float scale) {
        float[] values = new float[side * side];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * scale;
        }
        return manager.create(values, new Shape(1, 1, side, side));
    }

    @Test
    void identityReturnsTheImagesUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = ramp(manager, 3, 0.1f);
            assertSame(image, RandAugmentOp.IDENTITY.apply(image, new float[] {1f}));
        }
    }

    @Test
    void translateXMovesEveryPixelLeftByTheOffset() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = ramp(manager, 3, 0.1f);
            float[] expected = {0.1f, 0.2f, FILL, 0.4f, 0.5f, FILL, 0.7f, 0.8f, FILL};
            assertArrayEquals(
                    expected,
                    ImageOps.translateX(image, new float[] {1f}, FILL).toFloatArray(),
                    EPS);
            float[] down = {FILL, FILL, FILL, 0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
            assertArrayEquals(
                    down, ImageOps.translateY(image, new float[] {-1f}, FILL).toFloatArray(), EPS);
        }
    }

    @Test
    void rotateBy90DegreesTurnsASquareImageCounterClockwise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = ramp(manager, 4, 0.05f);
            float[] in = image.toFloatArray();
            float[] out = ImageOps.rotate(image, new float[] {90f}, FILL).toFloatArray();
            // out[y][x] = in[x][3 - y]: the top-right corner goes to the top-left, etc.
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertArrayEquals(
                            new float[] {in[x * 4 + 3 - y]},
                            new float[] {out[y * 4 + x]},
                            EPS,
                            "pixel " + y + "," + x);
                }
            }
            float[] corners = {out[0], out[3], out[12], out[15]};
            assertArrayEquals(new float[] {in[3], in[15], in[0], in[12]}, corners, EPS);
        }
    }

    @Test
    void rotatingByAnObliqueAngleFillsTheCorners() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] out =
                    ImageOps.rotate(manager.ones(new Shape(1, 1, 5, 5)), new float[] {45f}, FILL)
                            .toFloatArray();
            assertArrayEquals(new float[] {FILL, 1f, FILL}, new float[] {out[0], out[12], out[24]});
        }
    }

    @Test
    void shearXShiftsEachRowByTheShearTimesItsIndex() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = ramp(manager, 3, 0.1f);
            float[] expected = {0f, 0.1f, 0.2f, 0.4f, 0.5f, FILL, 0.8f, FILL, FILL};
            assertArrayEquals(
                    expected, ImageOps.shearX(image, new float[] {1f}, FILL).toFloatArray(), EPS);
            float[] sheared = ImageOps.shearY(image, new float[] {1f}, FILL).toFloatArray();
            assertArrayEquals(new float[] {0f, 0.4f, 0.8f}, Arrays.copyOf(sheared, 3), EPS);
        }
    }

    @Test
    void solarizeInvertsValuesAtOrAboveTheThreshold() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = {0.2f, 0.5f, 0.9f, 0.49f};
            NDArray image = manager.create(values, new Shape(1, 1, 2, 2));
            assertArrayEquals(
                    new float[] {0.2f, 0.5f, 0.1f, 0.49f},
                    ImageOps.solarize(image, new float[] {0.5f}).toFloatArray(),
                    EPS);
        }
    }

    @Test
    void posterizeZeroesTheLowBitsOfEachLevel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] levels = {37f, 255f, 15f, 128f};
            NDArray image = manager.create(levels, new Shape(1, 1, 2, 2)).div(255f);
            float[] out = ImageOps.posterize(image, new int[] {4}).mul(255f).toFloatArray();
            assertArrayEquals(new float[] {32f, 240f, 0f, 128f}, out, 1e-4f);
        }
    }

    @Test
    void brightnessZeroGivesBlackAndOneTheImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = ramp(manager, 3, 0.1f).repeat(0, 2);
            float[] out = ImageOps.brightness(images, new float[] {0f, 1f}).toFloatArray();
            assertArrayEquals(new float[9], Arrays.copyOf(out, 9), EPS);
            assertArrayEquals(
                    ramp(manager, 3, 0.1f).toFloatArray(), Arrays.copyOfRange(out, 9, 18), EPS);
        }
    }

    @Test
    void contrastZeroGivesTheMeanGreyLevel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = ramp(manager, 3, 0.1f);
            float[] out = ImageOps.contrast(image, new float[] {0f}).toFloatArray();
            float[] grey = new float[9];
            Arrays.fill(grey, 0.4f);
            assertArrayEquals(grey, out, EPS);
        }
    }

    @Test
    void colorZeroGivesTheLuminanceInEveryChannel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pixel = manager.create(new float[] {1f, 0.5f, 0f}, new Shape(1, 3, 1, 1));
            float luminance = 0.299f + 0.587f * 0.5f;
            assertArrayEquals(
                    new float[] {luminance, luminance, luminance},
                    ImageOps.color(pixel, new float[] {0f}).toFloatArray(),
                    EPS);
        }
    }

    @Test
    void sharpnessZeroSmoothsTheInsideAndKeepsTheBorder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = new float[25];
            values[12] = 1f;
            values[0] = 1f;
            NDArray image = manager.create(values, new Shape(1, 1, 5, 5));
            float[] out = ImageOps.sharpness(image, new float[] {0f}).toFloatArray();
            assertArrayEquals(
                    new float[] {1f, 0f, 5f / 13, 1f / 13, 1f / 13, 1f / 13 + 1f / 13},
                    new float[] {out[0], out[2], out[12], out[7], out[18], out[6]},
                    EPS);
        }
    }

    @Test
    void autocontrastStretchesEachChannelToTheFullRange() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image =
                    manager.create(
                            new float[] {0.2f, 0.4f, 0.6f, 0.3f, 0.3f, 0.3f},
                            new Shape(1, 2, 1, 3));
            assertArrayEquals(
                    new float[] {0f, 0.5f, 1f, 0.3f, 0.3f, 0.3f},
                    ImageOps.autocontrast(image).toFloatArray(),
                    EPS);
        }
    }

    @Test
    void equalizeMatchesPilsLookUpTable() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 300 pixels at level 0, 300 at 10, 100 at 20: step = 600 / 255 = 2, so the levels
            // map to (1 + 0) / 2 = 0, (1 + 300) / 2 = 150 and min(255, (1 + 600) / 2) = 255.
            float[] levels = new float[700];
            Arrays.fill(levels, 300, 600, 10f);
            Arrays.fill(levels, 600, 700, 20f);
            NDArray image = manager.create(levels, new Shape(1, 1, 28, 25)).div(255f);
            float[] out = ImageOps.equalize(image).mul(255f).toFloatArray();
            assertArrayEquals(
                    new float[] {0f, 150f, 255f}, new float[] {out[0], out[300], out[600]}, 1e-3f);
            NDArray flatImage = manager.full(new Shape(1, 1, 4, 4), 0.3f);
            float[] flat = ImageOps.equalize(flatImage).toFloatArray();
            assertArrayEquals(new float[] {0.3f}, new float[] {flat[5]}, EPS);
        }
    }

    @Test
    void operationsUseEachImagesOwnParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.full(new Shape(2, 1, 2, 2), 0.8f);
            float[] out = ImageOps.solarize(images, new float[] {0.5f, 0.9f}).toFloatArray();
            assertArrayEquals(
                    new float[] {0.2f, 0.2f, 0.2f, 0.2f, 0.8f, 0.8f, 0.8f, 0.8f}, out, EPS);
        }
    }
}
