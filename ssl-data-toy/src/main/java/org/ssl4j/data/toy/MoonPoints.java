package org.ssl4j.data.toy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;

/**
 * Labeled 2-D points of the two-moons problem, held in Java arrays until they become a dataset.
 *
 * <p>As in scikit-learn's {@code make_moons}: class 0, the upper moon, is {@code (cos t, sin
 * t)}; class 1, the lower moon, is {@code (1 - cos t, 0.5 - sin t)}; {@code t} is uniform in [0,
 * pi] (drawn, not evenly spaced) and each coordinate gets independent Gaussian noise.
 */
final class MoonPoints {

    private final float[] coordinates;
    private final int[] labels;

    private MoonPoints(float[] coordinates, int[] labels) {
        this.coordinates = coordinates;
        this.labels = labels;
    }

    /**
     * Draws points in random order.
     *
     * @param upper how many points of class 0
     * @param lower how many points of class 1
     * @param noise the standard deviation of the noise on each coordinate, at least 0
     * @param random the only source of randomness
     * @return {@code upper + lower} points, the classes shuffled together
     */
    static MoonPoints sample(int upper, int lower, double noise, Random random) {
        int size = upper + lower;
        int[] labels = new int[size];
        for (int i = upper; i < size; i++) {
            labels[i] = 1;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        float[] coordinates = new float[2 * size];
        for (int i = 0; i < size; i++) {
            double t = Math.PI * random.nextDouble();
            double x = labels[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double y = labels[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            coordinates[2 * i] = (float) (x + noise * random.nextGaussian());
            coordinates[2 * i + 1] = (float) (y + noise * random.nextGaussian());
        }
        return new MoonPoints(coordinates, labels);
    }

    /**
     * @return the number of points
     */
    int size() {
        return labels.length;
    }

    /**
     * @param index a point's index
     * @return its class, 0 or 1
     */
    int label(int index) {
        return labels[index];
    }

    /**
     * @param indices indices of points, in the order wanted
     * @return a copy holding only those points
     */
    MoonPoints subset(int[] indices) {
        float[] pickedCoordinates = new float[2 * indices.length];
        int[] pickedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            pickedCoordinates[2 * i] = coordinates[2 * indices[i]];
            pickedCoordinates[2 * i + 1] = coordinates[2 * indices[i] + 1];
            pickedLabels[i] = labels[indices[i]];
        }
        return new MoonPoints(pickedCoordinates, pickedLabels);
    }

    /**
     * Copies the points into two arrays of {@code manager}: data {@code (N, 2)} float32 and
     * labels {@code (N)} int32. The dataset's own sampler yields the whole split as one batch, in
     * order; the runtime reads batches by index instead.
     *
     * @param manager owns the arrays; the caller closes it
     * @return the dataset
     */
    ArrayDataset toDataset(NDManager manager) {
        int size = size();
        return new ArrayDataset.Builder()
                .setData(manager.create(coordinates, new Shape(size, 2)))
                .optLabels(manager.create(labels, new Shape(size)))
                .setSampling(size, false)
                .build();
    }
}
