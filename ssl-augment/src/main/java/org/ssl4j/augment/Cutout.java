package org.ssl4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.ssl4j.api.data.Augmentation;

/**
 * Cutout (DeVries and Taylor 2017, as in FixMatch): in every image, a square of side {@code
 * size} (all channels) is set to the batch's mean value, one scalar over all its values: about 0
 * for normalised data, about 0.5 for data in {@code [0, 1]}. The square's centre {@code (cy,
 * cx)} is a pixel drawn uniformly from the image with the {@code random} given to {@link #apply};
 * it covers rows {@code cy - size/2 .. cy - size/2 + size - 1} and the same columns around
 * {@code cx}, cut off at the image's border, so near a border less than {@code size x size}
 * pixels change.
 */
public final class Cutout implements Augmentation {

    private final int size;

    /**
     * @param size the side of the square in pixels, &gt; 0
     */
    public Cutout(int size) {
        this.size = size;
    }

    /**
     * Returns the batch with one square per image set to the batch's mean.
     *
     * @param batch images of shape {@code (N, C, H, W)}; not modified
     * @param random draws each image's square centre (two draws per image)
     * @return a new array of the batch's shape and type, in the batch's manager
     */
    @Override
    public NDArray apply(NDArray batch, Random random) {
        try (NDArray fill = batch.mean()) {
            return erase(batch, size, fill, random);
        }
    }

    /**
     * Sets one square per image to {@code fill}, as described on the class.
     *
     * @param images images of shape {@code (n, C, H, W)}; not modified
     * @param size the side of the square in pixels
     * @param fill a scalar array, the value of the erased pixels
     * @param random draws each image's square centre, row then column, image by image
     * @return a new array in {@code images}' manager
     */
    static NDArray erase(NDArray images, int size, NDArray fill, Random random) {
        Shape shape = images.getShape();
        int n = (int) shape.get(0);
        long height = shape.get(2);
        long width = shape.get(3);
        float[] tops = new float[n];
        float[] lefts = new float[n];
        for (int i = 0; i < n; i++) {
            tops[i] = random.nextInt((int) height) - size / 2;
            lefts[i] = random.nextInt((int) width) - size / 2;
        }
        NDManager owner = images.getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray rows = scope.arange(0f, height, 1f).reshape(1, 1, height, 1);
            NDArray columns = scope.arange(0f, width, 1f).reshape(1, 1, 1, width);
            NDArray top = Images.perExample(scope, tops);
            NDArray left = Images.perExample(scope, lefts);
            NDArray inside =
                    rows.gte(top)
                            .logicalAnd(rows.lt(top.add(size)))
                            .logicalAnd(columns.gte(left))
                            .logicalAnd(columns.lt(left.add(size)));
            NDArray result = Images.select(inside, fill, images, shape);
            result.attach(owner);
            return result;
        }
    }
}
