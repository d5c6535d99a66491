package org.ssl4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.ssl4j.api.data.Augmentation;

/**
 * The weak augmentation of the SSL literature: a random horizontal flip and a random
 * translation by reflection padding and cropping.
 *
 * <p>For each image, with {@code random}: it is flipped with probability 0.5 (when flipping is
 * on), then offsets {@code dy, dx} are drawn uniformly from {@code -pad .. pad}. Output pixel
 * {@code (y, x)} is input pixel {@code (r(y + dy), r(x' + dx))} with {@code x' = W - 1 - x} when
 * flipped ({@code x} otherwise) and {@code r} the reflection at the border ({@code r(-1) = 1},
 * {@code r(W) = W - 2}), which is padding by reflection by {@code pad} pixels and cropping back
 * to {@code H x W} at a random place. The index of every output pixel is computed in Java
 * ({@code N (H + W)} numbers) and the whole batch is resampled with one gather.
 */
public final class FlipAndShift implements Augmentation {

    private final boolean flip;
    private final int pad;

    /**
     * @param flip whether to flip horizontally with probability 0.5
     * @param pad the largest shift in pixels, {@code >= 0} and less than the height and width
     */
    public FlipAndShift(boolean flip, int pad) {
        this.flip = flip;
        this.pad = pad;
    }

    /**
     * Returns the flipped and shifted batch.
     *
     * @param batch images of shape {@code (N, C, H, W)}; not modified
     * @param random draws, image by image, the flip (when on) and then {@code dy} and {@code dx}
     *     (when {@code pad > 0})
     * @return a new array of the batch's shape and type, in the batch's manager
     */
    @Override
    public NDArray apply(NDArray batch, Random random) {
        Shape shape = batch.getShape();
        int n = (int) shape.get(0);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        long[] rows = new long[n * height];
        long[] columns = new long[n * width];
        for (int i = 0; i < n; i++) {
            boolean flipped = flip && random.nextBoolean();
            int dy = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
            int dx = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
            for (int y = 0; y < height; y++) {
                rows[i * height + y] = reflect(y + dy, height);
            }
            for (int x = 0; x < width; x++) {
                columns[i * width + x] = reflect((flipped ? width - 1 - x : x) + dx, width);
            }
        }
        NDManager owner = batch.getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray flatIndex =
                    scope.create(rows, new Shape(n, height, 1))
                            .mul(width)
                            .add(scope.create(columns, new Shape(n, 1, width)));
            NDArray result = Images.gatherPixels(batch, flatIndex.toType(DataType.INT64, false));
            result.attach(owner);
            return result;
        }
    }

    /** Reflects a position at most {@code size - 1} outside {@code 0 .. size - 1} back inside. */
    private static int reflect(int position, int size) {
        if (position < 0) {
            return -position;
        }
        return position >= size ? 2 * (size - 1) - position : position;
    }
}
