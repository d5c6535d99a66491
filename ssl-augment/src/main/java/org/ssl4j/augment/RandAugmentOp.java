package org.ssl4j.augment;

import ai.djl.ndarray.NDArray;

/**
 * The fourteen operations RandAugment picks from (the UDA/FixMatch list), each with its mapping
 * from a strength to the parameter of the {@link ImageOps} operation.
 *
 * <p>A strength is {@code s r} with {@code r = magnitude / 30} in {@code [0, 1]} and {@code s}
 * a random sign, +1 or -1. Signed operations use both; the others use {@code r} only:
 *
 * <ul>
 *   <li>rotate: {@code 30 s r} degrees; shear-x, shear-y: shear {@code 0.3 s r};
 *       translate-x, translate-y: {@code 0.3 s r} of the width or height, in pixels
 *   <li>color, contrast, brightness, sharpness: factor {@code 1 + 0.95 s r}, in {@code [0.05,
 *       1.95]}, so that magnitude 0 is the identity for every operation
 *   <li>solarize: threshold {@code (256 / 255) (1 - r)} on the unit range, i.e. FixMatch's
 *       {@code 256 - 256 r} on 8-bit levels (magnitude 0 inverts nothing)
 *   <li>posterize: {@code 8 - round(4 r)} bits, from 8 (magnitude 0) down to 4
 *   <li>identity, autocontrast, equalize: no parameter
 * </ul>
 *
 * Geometric operations fill pixels that come from outside the image with mid-grey, 0.5 on the
 * unit range (UDA fills with level 128).
 */
enum RandAugmentOp {
    /** The image as it is. */
    IDENTITY,
    /** {@link ImageOps#autocontrast}. */
    AUTOCONTRAST,
    /** {@link ImageOps#equalize}. */
    EQUALIZE,
    /** {@link ImageOps#rotate} by up to 30 degrees either way. */
    ROTATE,
    /** {@link ImageOps#solarize}. */
    SOLARIZE,
    /** {@link ImageOps#color}. */
    COLOR,
    /** {@link ImageOps#posterize}. */
    POSTERIZE,
    /** {@link ImageOps#contrast}. */
    CONTRAST,
    /** {@link ImageOps#brightness}. */
    BRIGHTNESS,
    /** {@link ImageOps#sharpness}. */
    SHARPNESS,
    /** {@link ImageOps#shearX} by up to 0.3 either way. */
    SHEAR_X,
    /** {@link ImageOps#shearY} by up to 0.3 either way. */
    SHEAR_Y,
    /** {@link ImageOps#translateX} by up to 0.3 of the width either way. */
    TRANSLATE_X,
    /** {@link ImageOps#translateY} by up to 0.3 of the height either way. */
    TRANSLATE_Y;

    /** The value of pixels that geometric operations bring in from outside the image. */
    static final float FILL = 0.5f;

    /**
     * Applies this operation to each image with its own strength.
     *
     * @param unit unit-range images {@code (n, C, H, W)}, see {@link ImageOps}; not modified
     * @param strengths one signed strength {@code s r} in {@code [-1, 1]} per image
     * @return a new array in {@code unit}'s manager, or {@code unit} itself for {@link
     *     #IDENTITY}
     */
    NDArray apply(NDArray unit, float[] strengths) {
        long width = unit.getShape().get(3);
        long height = unit.getShape().get(2);
        return switch (this) {
            case IDENTITY -> unit;
            case AUTOCONTRAST -> ImageOps.autocontrast(unit);
            case EQUALIZE -> ImageOps.equalize(unit);
            case ROTATE -> ImageOps.rotate(unit, scaled(strengths, 30f), FILL);
            case SOLARIZE -> ImageOps.solarize(unit, thresholds(strengths));
            case COLOR -> ImageOps.color(unit, factors(strengths));
            case POSTERIZE -> ImageOps.posterize(unit, bits(strengths));
            case CONTRAST -> ImageOps.contrast(unit, factors(strengths));
            case BRIGHTNESS -> ImageOps.brightness(unit, factors(strengths));
            case SHARPNESS -> ImageOps.sharpness(unit, factors(strengths));
            case SHEAR_X -> ImageOps.shearX(unit, scaled(strengths, 0.3f), FILL);
            case SHEAR_Y -> ImageOps.shearY(unit, scaled(strengths, 0.3f), FILL);
            case TRANSLATE_X -> ImageOps.translateX(unit, scaled(strengths, 0.3f * width), FILL);
            case TRANSLATE_Y -> ImageOps.translateY(unit, scaled(strengths, 0.3f * height), FILL);
        };
    }

    private static float[] scaled(float[] strengths, float scale) {
        float[] values = new float[strengths.length];
        for (int i = 0; i < strengths.length; i++) {
            values[i] = scale * strengths[i];
        }
        return values;
    }

    private static float[] factors(float[] strengths) {
        float[] values = new float[strengths.length];
        for (int i = 0; i < strengths.length; i++) {
            values[i] = 1f + 0.95f * strengths[i];
        }
        return values;
    }

    private static float[] thresholds(float[] strengths) {
        float[] values = new float[strengths.length];
        for (int i = 0; i < strengths.length; i++) {
            values[i] = 256f / 255f * (1f - Math.abs(strengths[i]));
        }
        return values;
    }

    private static int[] bits(float[] strengths) {
        int[] values = new int[strengths.length];
        for (int i = 0; i < strengths.length; i++) {
            values[i] = 8 - Math.round(4f * Math.abs(strengths[i]));
        }
        return values;
    }
}
