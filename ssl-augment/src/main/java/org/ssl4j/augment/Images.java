package org.ssl4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;

/**
 * Tensor helpers shared by the image augmentations: the image-data check, per-example
 * parameter arrays, and nearest-neighbour resampling as one gather over flattened pixels.
 *
 * <p>Every method returns new arrays in the manager of its first array argument (or of the given
 * manager) and leaves its inputs untouched; the caller closes what it gets.
 */
final class Images {

    private Images() {}

    /**
     * Checks that the data are images.
     *
     * @param augmentation the augmentation's short name, for the message
     * @param spec the data's spec
     * @throws InvalidConfigException naming {@code type} and the augmentation unless the example
     *     shape has rank 3, {@code (C, H, W)}
     */
    static void requireImages(String augmentation, DataSpec spec) {
        Shape shape = spec.exampleShape();
        if (shape.dimension() != 3) {
            throw new InvalidConfigException(
                    "type",
                    augmentation
                            + " needs image data with examples of shape (C, H, W), got "
                            + shape);
        }
    }

    /**
     * One value per example, shaped to broadcast against {@code (n, C, H, W)}.
     *
     * @param manager the manager to create the array in
     * @param values one value per example
     * @return a float32 array of shape {@code (n, 1, 1, 1)}
     */
    static NDArray perExample(NDManager manager, float[] values) {
        return manager.create(values).reshape(values.length, 1, 1, 1);
    }

    /**
     * {@code condition ? whenTrue : whenFalse}, element by element, with all three broadcast to
     * {@code shape} first (the engine's {@code where} does not broadcast).
     *
     * @param condition a boolean array broadcastable to {@code shape}
     * @param whenTrue the values where the condition holds, broadcastable to {@code shape}
     * @param whenFalse the values elsewhere, broadcastable to {@code shape}
     * @param shape the shape of the result
     * @return a new array of {@code shape}
     */
    static NDArray select(NDArray condition, NDArray whenTrue, NDArray whenFalse, Shape shape) {
        try (NDArray c = condition.broadcast(shape);
                NDArray t = whenTrue.broadcast(shape);
                NDArray f = whenFalse.broadcast(shape)) {
            return NDArrays.where(c, t, f);
        }
    }

    /**
     * The minimum or maximum of each row of a {@code (rows, ...)} array, keeping the other axes
     * as ones (the engine reduces over one axis at a time only).
     *
     * @param values an array of rank 2 or more
     * @param leadingAxes how many leading axes to keep, 1 or 2
     * @param maximum the maximum when true, the minimum otherwise
     * @return an array of the same rank with every axis after the leading ones of size 1
     */
    static NDArray extreme(NDArray values, int leadingAxes, boolean maximum) {
        Shape shape = values.getShape();
        long[] kept = new long[shape.dimension()];
        Arrays.fill(kept, 1);
        long rows = 1;
        for (int axis = 0; axis < leadingAxes; axis++) {
            kept[axis] = shape.get(axis);
            rows *= shape.get(axis);
        }
        try (NDArray flat = values.reshape(rows, -1);
                NDArray reduced = maximum ? flat.max(new int[] {1}) : flat.min(new int[] {1})) {
            return reduced.reshape(new Shape(kept));
        }
    }

    /**
     * Picks, for every output pixel of every example, one pixel of the same example (all
     * channels alike).
     *
     * @param images inputs of shape {@code (n, C, H, W)}
     * @param flatIndex int64 of shape {@code (n, H * W)} (or {@code (n, H, W)}): for each output
     *     pixel, the flat source position {@code y * W + x} inside its own example
     * @return the resampled images, shape {@code (n, C, H, W)}
     */
    static NDArray gatherPixels(NDArray images, NDArray flatIndex) {
        Shape shape = images.getShape();
        long n = shape.get(0);
        long channels = shape.get(1);
        long pixels = shape.get(2) * shape.get(3);
        try (NDArray flat = images.reshape(n, channels, pixels);
                NDArray index = flatIndex.reshape(n, 1, pixels).broadcast(n, channels, pixels);
                NDArray picked = flat.gather(index, 2)) {
            return picked.reshape(shape);
        }
    }

    /**
     * Resamples each example through its own affine map with nearest-neighbour sampling. Output
     * pixel {@code (x, y)} (column, row) takes the input pixel nearest to {@code (a x + b y + c,
     * d x + e y + f)}; output pixels whose source lies outside the image get {@code fill}. This
     * is PIL's {@code Image.transform(size, AFFINE, (a, b, c, d, e, f), NEAREST)}.
     *
     * @param images inputs of shape {@code (n, C, H, W)}
     * @param affine {@code 6 n} coefficients, {@code (a, b, c, d, e, f)} for each example in turn
     * @param fill the value of output pixels that map outside the input
     * @return the resampled images, shape {@code (n, C, H, W)}, in {@code images}' manager
     */
    static NDArray affine(NDArray images, float[] affine, float fill) {
        Shape shape = images.getShape();
        int n = (int) shape.get(0);
        long height = shape.get(2);
        long width = shape.get(3);
        NDManager manager = images.getManager();
        try (NDManager scope = manager.newSubManager()) {
            NDArray coefficients = scope.create(affine, new Shape(n, 6)).reshape(n, 6, 1, 1);
            NDArray xs = scope.arange(0f, width, 1f).reshape(1, 1, width);
            NDArray ys = scope.arange(0f, height, 1f).reshape(1, height, 1);
            NDArray sourceX = source(coefficients, 0, xs, ys);
            NDArray sourceY = source(coefficients, 3, xs, ys);
            NDArray inside =
                    sourceX.gte(0f)
                            .logicalAnd(sourceX.lte(width - 1f))
                            .logicalAnd(sourceY.gte(0f))
                            .logicalAnd(sourceY.lte(height - 1f));
            NDArray flatIndex =
                    sourceY.clip(0, height - 1)
                            .mul(width)
                            .add(sourceX.clip(0, width - 1))
                            .toType(DataType.INT64, false);
            images.tempAttach(scope);
            NDArray picked = gatherPixels(images, flatIndex);
            NDArray result =
                    select(inside.reshape(n, 1, height, width), picked, scope.create(fill), shape);
            result.attach(manager);
            return result;
        }
    }

    /** Rounded source coordinate {@code k0 x + k1 y + k2} of shape (n, H, W). */
    private static NDArray source(NDArray coefficients, int first, NDArray xs, NDArray ys) {
        NDArray k0 = coefficients.get(":, {}", first).reshape(-1, 1, 1);
        NDArray k1 = coefficients.get(":, {}", first + 1).reshape(-1, 1, 1);
        NDArray k2 = coefficients.get(":, {}", first + 2).reshape(-1, 1, 1);
        return k0.mul(xs).add(k1.mul(ys)).add(k2).add(0.5f).floor();
    }
}
