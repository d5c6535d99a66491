package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.TrainSettings;
import org.ssl4j.api.method.UnlabeledBatch;

/**
 * A separable toy problem: 2-d points around (-1, -1) for class 0 and (1, 1) for class 1,
 * generated from fixed seeds.
 */
final class ToyData {

    /** Two classes of 2-d vectors. */
    static final DataSpec SPEC = new DataSpec(new Shape(2), 2, List.of("low", "high"), "toy");

    /** Labeled batch size. */
    static final int BATCH = 8;

    /** Unlabeled examples per labeled one. */
    static final int RATIO = 2;

    private ToyData() {}

    /**
     * @param steps the step budget
     * @param unlabeledRatio unlabeled examples per labeled one
     * @return settings with a batch of {@link #BATCH}
     */
    static TrainSettings train(long steps, int unlabeledRatio) {
        return new TrainSettings(steps, BATCH, unlabeledRatio, steps, 1);
    }

    /**
     * @param manager where the arrays go
     * @return {@link #BATCH} labeled points, alternating classes
     */
    static LabeledBatch labeled(NDManager manager) {
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % 2;
        }
        long[] indices = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            indices[i] = i;
        }
        return new LabeledBatch(points(manager, labels, 0.3f, 1), manager.create(labels), indices);
    }

    /**
     * @param manager where the arrays go
     * @param withStrong whether to make the strong view
     * @return {@code BATCH * RATIO} unlabeled points with a weak (small noise) and, if asked, a
     *     strong (larger noise) view
     */
    static UnlabeledBatch unlabeled(NDManager manager, boolean withStrong) {
        int count = BATCH * RATIO;
        int[] classes = new int[count];
        long[] indices = new long[count];
        for (int i = 0; i < count; i++) {
            classes[i] = (i / 3) % 2;
            indices[i] = i;
        }
        NDArray clean = points(manager, classes, 0.3f, 2);
        NDArray weak = clean.add(noise(manager, count, 0.05f, 3));
        NDArray strong = withStrong ? clean.add(noise(manager, count, 0.5f, 4)) : null;
        return new UnlabeledBatch(clean, weak, strong, indices);
    }

    private static NDArray points(NDManager manager, int[] classes, float spread, long seed) {
        Random random = new Random(seed);
        float[] values = new float[classes.length * 2];
        for (int i = 0; i < values.length; i++) {
            float centre = classes[i / 2] == 0 ? -1f : 1f;
            values[i] = centre + spread * (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(classes.length, 2));
    }

    private static NDArray noise(NDManager manager, int count, float scale, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(count, 2));
    }
}
