package org.ssl4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The RandAugment image operations on whole batches, after PIL's {@code ImageOps} and {@code
 * ImageEnhance}, with one parameter per example.
 *
 * <p>Every operation takes images in the <em>unit range</em>: shape {@code (n, C, H, W)}, values
 * in {@code [0, 1]} standing for PIL's 8-bit levels {@code 0 .. 255}; {@link RandAugment} maps
 * each image's own min/max range onto it. Results stay in {@code [0, 1]}. Operations that work
 * on levels (solarize, posterize, equalize) compare or round {@code 255 u}. The grey image used
 * by contrast and colour is PIL's luminance {@code 0.299 R + 0.587 G + 0.114 B} for three
 * channels and the channel mean otherwise.
 *
 * <p>Each method returns a new array in the input's manager and leaves the input untouched;
 * temporaries are closed before it returns.
 */
final class ImageOps {

    private static final float LEVELS = 255f;

    private ImageOps() {}

    /**
     * Stretches each channel of each image so that its darkest value becomes 0 and its brightest
     * 1 (PIL {@code autocontrast} with no cut-off); a flat channel is left as it is.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @return the stretched images
     */
    static NDArray autocontrast(NDArray unit) {
        return scoped(
                unit,
                () -> {
                    NDArray low = Images.extreme(unit, 2, false);
                    NDArray span = Images.extreme(unit, 2, true).sub(low);
                    NDArray stretched = unit.sub(low).div(span.maximum(1e-12f));
                    return Images.select(span.gt(0f), stretched, unit, unit.getShape());
                });
    }

    /**
     * Histogram equalisation of each channel of each image, exactly as PIL's {@code equalize}
     * on the 8-bit levels {@code v = round(255 u)}: with {@code below(v)} the number of pixels of
     * the channel darker than {@code v} and {@code step = floor(below(max) / 255)}, level {@code
     * v} becomes {@code min(255, floor((floor(step / 2) + below(v)) / step))}. A channel with
     * {@code step = 0} (flat, or nearly all at its maximum) is left as it is. The counts come
     * from one sort per channel: a pixel's {@code below} is the sorted position of the first
     * pixel of its level, found with a scatter into 256 bins and a gather back.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @return the equalised images, on the 256 levels {@code k / 255}
     */
    static NDArray equalize(NDArray unit) {
        Shape shape = unit.getShape();
        long rows = shape.get(0) * shape.get(1);
        long pixels = shape.get(2) * shape.get(3);
        return scoped(
                unit,
                () -> {
                    NDManager scope = unit.getManager();
                    // integer levels: sorting int64 is faster than sorting float32
                    NDArray levels =
                            unit.mul(LEVELS)
                                    .add(0.5f)
                                    .floor()
                                    .clip(0, LEVELS)
                                    .reshape(rows, pixels)
                                    .toType(DataType.INT64, false);
                    NDArray sorted = levels.sort(1);
                    NDArray startsRun =
                            scope.ones(new Shape(rows, 1), DataType.BOOLEAN)
                                    .concat(sorted.get(":, 1:").neq(sorted.get(":, :-1")), 1);
                    // Bin 256 collects the positions that do not start a run of equal levels.
                    NDArray bins =
                            Images.select(startsRun, sorted, scope.create(256L), sorted.getShape());
                    NDArray positions =
                            scope.arange(0f, pixels, 1f).reshape(1, pixels).broadcast(rows, pixels);
                    NDArray firstPosition =
                            scope.zeros(new Shape(rows, 257)).scatter(bins, positions, 1);
                    NDArray below = firstPosition.gather(levels, 1);
                    NDArray step = below.max(new int[] {1}, true).div(LEVELS).floor();
                    NDArray mapped =
                            step.div(2f)
                                    .floor()
                                    .add(below)
                                    .div(step.maximum(1f))
                                    .floor()
                                    .minimum(LEVELS)
                                    .div(LEVELS)
                                    .reshape(shape);
                    return Images.select(
                            step.gt(0f).reshape(shape.get(0), shape.get(1), 1, 1),
                            mapped,
                            unit,
                            shape);
                });
    }

    /**
     * Inverts the levels at or above a threshold: {@code u >= t ? 1 - u : u} (PIL {@code
     * solarize}).
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param thresholds one threshold {@code t} per example
     * @return the solarised images
     */
    static NDArray solarize(NDArray unit, float[] thresholds) {
        return scoped(
                unit,
                () -> {
                    NDArray threshold = Images.perExample(unit.getManager(), thresholds);
                    return Images.select(
                            unit.gte(threshold), unit.neg().add(1f), unit, unit.getShape());
                });
    }

    /**
     * Keeps the top {@code bits} bits of each 8-bit level {@code v = round(255 u)} (PIL {@code
     * posterize}): {@code floor(v / 2^(8 - bits)) 2^(8 - bits) / 255}.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param bits one bit count in {@code 1 .. 8} per example
     * @return the posterised images
     */
    static NDArray posterize(NDArray unit, int[] bits) {
        float[] quanta = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            quanta[i] = 1 << (8 - bits[i]);
        }
        return scoped(
                unit,
                () -> {
                    NDArray quantum = Images.perExample(unit.getManager(), quanta);
                    return unit.mul(LEVELS)
                            .add(0.5f)
                            .floor()
                            .div(quantum)
                            .floor()
                            .mul(quantum)
                            .div(LEVELS);
                });
    }

    /**
     * Blends towards the image's mean grey level: {@code m + f (u - m)} clipped to {@code [0,
     * 1]}, with {@code m} the mean of the grey image (PIL {@code ImageEnhance.Contrast}).
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param factors one factor {@code f} per example; 1 leaves the image as it is
     * @return the adjusted images
     */
    static NDArray contrast(NDArray unit, float[] factors) {
        long n = unit.getShape().get(0);
        return scoped(
                unit,
                () -> {
                    NDArray meanGrey = grey(unit).reshape(n, -1).mean(new int[] {1});
                    return blend(unit, meanGrey.reshape(n, 1, 1, 1), factors);
                });
    }

    /**
     * Blends towards black: {@code f u} clipped to {@code [0, 1]} (PIL {@code
     * ImageEnhance.Brightness}).
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param factors one factor {@code f} per example; 0 gives black, 1 the image as it is
     * @return the adjusted images
     */
    static NDArray brightness(NDArray unit, float[] factors) {
        return scoped(unit, () -> blend(unit, unit.zerosLike(), factors));
    }

    /**
     * Blends towards the grey image: {@code g + f (u - g)} clipped to {@code [0, 1]} (PIL {@code
     * ImageEnhance.Color}); the identity for one channel.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param factors one factor {@code f} per example; 0 gives the grey image
     * @return the adjusted images
     */
    static NDArray color(NDArray unit, float[] factors) {
        return scoped(unit, () -> blend(unit, grey(unit), factors));
    }

    /**
     * Blends towards a smoothed image: {@code s + f (u - s)} clipped to {@code [0, 1]}, where
     * {@code s} is the image filtered with PIL's SMOOTH kernel {@code [[1, 1, 1], [1, 5, 1], [1,
     * 1, 1]] / 13} inside and the image itself on the one-pixel border (PIL {@code
     * ImageEnhance.Sharpness}).
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param factors one factor {@code f} per example; above 1 sharpens, below 1 blurs
     * @return the adjusted images
     */
    static NDArray sharpness(NDArray unit, float[] factors) {
        Shape shape = unit.getShape();
        long height = shape.get(2);
        long width = shape.get(3);
        return scoped(
                unit,
                () -> {
                    NDManager scope = unit.getManager();
                    NDArray mean3x3 =
                            Pool.avgPool2d(
                                    unit, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false,
                                    true);
                    NDArray smooth = mean3x3.mul(9f).add(unit.mul(4f)).div(13f);
                    NDArray rows = scope.arange(0f, height, 1f).reshape(height, 1);
                    NDArray columns = scope.arange(0f, width, 1f).reshape(1, width);
                    NDArray inside =
                            rows.gte(1f)
                                    .logicalAnd(rows.lte(height - 2f))
                                    .logicalAnd(columns.gte(1f))
                                    .logicalAnd(columns.lte(width - 2f));
                    return blend(unit, Images.select(inside, smooth, unit, shape), factors);
                });
    }

    /**
     * Rotates each image about its centre, counter-clockwise for positive angles (PIL {@code
     * rotate} with nearest-neighbour sampling); corners that come from outside get {@code fill}.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param degrees one angle in degrees per example
     * @param fill the value of pixels that come from outside the image
     * @return the rotated images
     */
    static NDArray rotate(NDArray unit, float[] degrees, float fill) {
        Shape shape = unit.getShape();
        double centreX = (shape.get(3) - 1) / 2.0;
        double centreY = (shape.get(2) - 1) / 2.0;
        float[] affine = new float[6 * degrees.length];
        for (int i = 0; i < degrees.length; i++) {
            double angle = Math.toRadians(degrees[i]);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            // source = centre + R(angle) (output - centre)
            affine[6 * i] = (float) cos;
            affine[6 * i + 1] = (float) -sin;
            affine[6 * i + 2] = (float) (centreX - cos * centreX + sin * centreY);
            affine[6 * i + 3] = (float) sin;
            affine[6 * i + 4] = (float) cos;
            affine[6 * i + 5] = (float) (centreY - sin * centreX - cos * centreY);
        }
        return Images.affine(unit, affine, fill);
    }

    /**
     * Shears horizontally: output pixel {@code (x, y)} takes input pixel {@code (x + s y, y)}
     * (PIL's affine {@code (1, s, 0, 0, 1, 0)}).
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param shears one shear {@code s} per example
     * @param fill the value of pixels that come from outside the image
     * @return the sheared images
     */
    static NDArray shearX(NDArray unit, float[] shears, float fill) {
        return identityWith(unit, 1, shears, fill);
    }

    /**
     * Shears vertically: output pixel {@code (x, y)} takes input pixel {@code (x, y + s x)}
     * (PIL's affine {@code (1, 0, 0, s, 1, 0)}).
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param shears one shear {@code s} per example
     * @param fill the value of pixels that come from outside the image
     * @return the sheared images
     */
    static NDArray shearY(NDArray unit, float[] shears, float fill) {
        return identityWith(unit, 3, shears, fill);
    }

    /**
     * Moves each image left by {@code t} pixels: output pixel {@code (x, y)} takes input pixel
     * {@code (x + t, y)}, rounded to the nearest pixel (PIL's affine {@code (1, 0, t, 0, 1,
     * 0)}); a negative {@code t} moves it right.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param pixels one offset {@code t} in pixels per example
     * @param fill the value of pixels that come from outside the image
     * @return the translated images
     */
    static NDArray translateX(NDArray unit, float[] pixels, float fill) {
        return identityWith(unit, 2, pixels, fill);
    }

    /**
     * Moves each image up by {@code t} pixels: output pixel {@code (x, y)} takes input pixel
     * {@code (x, y + t)} (PIL's affine {@code (1, 0, 0, 0, 1, t)}); a negative {@code t} moves it
     * down.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param pixels one offset {@code t} in pixels per example
     * @param fill the value of pixels that come from outside the image
     * @return the translated images
     */
    static NDArray translateY(NDArray unit, float[] pixels, float fill) {
        return identityWith(unit, 5, pixels, fill);
    }

    /** {@code degenerate + f (unit - degenerate)} clipped to [0, 1], in unit's manager. */
    private static NDArray blend(NDArray unit, NDArray degenerate, float[] factors) {
        NDArray factor = Images.perExample(unit.getManager(), factors);
        return unit.sub(degenerate).mul(factor).add(degenerate).clip(0f, 1f);
    }

    /** The grey image (n, 1, H, W): luminance for 3 channels, the channel mean otherwise. */
    private static NDArray grey(NDArray unit) {
        if (unit.getShape().get(1) != 3) {
            return unit.mean(new int[] {1}, true);
        }
        NDArray weights = unit.getManager().create(new float[] {0.299f, 0.587f, 0.114f});
        return unit.mul(weights.reshape(1, 3, 1, 1)).sum(new int[] {1}, true);
    }

    /** What an operation computes from its input; its temporaries land in the input's manager. */
    private interface Computation {
        NDArray compute();
    }

    /**
     * Runs {@code computation} with {@code unit} lent to a sub-manager, so that every temporary
     * is closed with it, and hands the result back to {@code unit}'s manager.
     */
    private static NDArray scoped(NDArray unit, Computation computation) {
        NDManager owner = unit.getManager();
        try (NDManager scope = owner.newSubManager()) {
            unit.tempAttach(scope);
            NDArray result = computation.compute();
            result.attach(owner);
            return result;
        }
    }

    /**
     * Applies, per example, the identity affine map {@code (1, 0, 0, 0, 1, 0)} with one
     * coefficient replaced by that example's value.
     *
     * @param unit unit-range images {@code (n, C, H, W)}
     * @param slot which of the six PIL affine coefficients to replace (1 and 3 shear, 2 and 5
     *     translate)
     * @param values one value per example
     * @param fill the value of pixels that come from outside the image
     * @return the transformed images
     */
    private static NDArray identityWith(NDArray unit, int slot, float[] values, float fill) {
        float[] affine = new float[6 * values.length];
        for (int i = 0; i < values.length; i++) {
            affine[6 * i] = 1f;
            affine[6 * i + 4] = 1f;
            affine[6 * i + slot] = values[i];
        }
        return Images.affine(unit, affine, fill);
    }
}
