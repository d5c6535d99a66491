package org.ssl4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ssl4j.api.data.Augmentation;

/**
 * RandAugment as in UDA and FixMatch: each image gets {@code n} operations drawn uniformly, with
 * replacement, from the fourteen of {@link RandAugmentOp} (whose Javadoc gives the magnitude
 * mapping), then optionally a {@link Cutout} square.
 *
 * <p><b>Pixel range.</b> Inputs may be normalised, so every image is mapped from its own range
 * onto {@code [0, 1]}: {@code u = (x - lo) / (hi - lo)} with {@code lo} and {@code hi} the
 * image's minimum and maximum over all channels and pixels. The operations work on {@code u}
 * (as PIL works on 8-bit levels) and the result is mapped back with {@code lo + u (hi - lo)}, so
 * the output stays within the image's own range. A constant image stays as it is. Pixels that
 * rotate, shear and translate bring in from outside the image are mid-grey on the unit range,
 * so {@code (lo + hi) / 2} in the output.
 *
 * <p><b>Randomness.</b> For each of the {@code n} rounds and each image in turn, {@code random}
 * draws the operation, then the magnitude (when {@code randomMagnitude}: an integer uniform in
 * {@code 1 .. magnitude}, as in UDA; otherwise {@code magnitude}), then the sign; cutout then
 * draws the square centres. The engine's generator is not used, so the same {@code random} seed
 * gives the same output.
 *
 * <p><b>Batching.</b> In each round the images are grouped by their operation; each operation
 * runs once on its group (with one parameter per image) and the groups are put back in order
 * with one indexed read. This costs about one operation's worth of work per image, where running
 * all fourteen on the whole batch and selecting with masks would cost fourteen.
 *
 * <p><b>Cutout.</b> When {@code cutout > 0}, a square of that side is set to the input batch's
 * mean value (about 0 for normalised data, about 0.5 for data in {@code [0, 1]}), as {@link
 * Cutout} describes.
 */
public final class RandAugment implements Augmentation {

    private static final RandAugmentOp[] OPS = RandAugmentOp.values();

    private final int ops;
    private final int magnitude;
    private final boolean randomMagnitude;
    private final int cutout;

    /**
     * @param ops the number of operations per image, {@code >= 0}
     * @param magnitude the (largest) magnitude, in {@code 0 .. 30}
     * @param randomMagnitude draw each operation's magnitude uniformly from {@code 1 ..
     *     magnitude} instead of using {@code magnitude}
     * @param cutout the side of the cutout square in pixels, 0 for none
     */
    public RandAugment(int ops, int magnitude, boolean randomMagnitude, int cutout) {
        this.ops = ops;
        this.magnitude = magnitude;
        this.randomMagnitude = randomMagnitude;
        this.cutout = cutout;
    }

    /**
     * Returns the strongly augmented batch.
     *
     * @param batch images of shape {@code (N, C, H, W)}, float32; not modified
     * @param random draws the operations, magnitudes, signs and cutout centres, as described on
     *     the class
     * @return a new array of the batch's shape and type, in the batch's manager
     */
    @Override
    public NDArray apply(NDArray batch, Random random) {
        int n = (int) batch.getShape().get(0);
        NDManager owner = batch.getManager();
        try (NDManager scope = owner.newSubManager()) {
            batch.tempAttach(scope);
            NDArray low = Images.extreme(batch, 1, false);
            NDArray span = Images.extreme(batch, 1, true).sub(low);
            NDArray unit = batch.sub(low).div(span.maximum(1e-12f));
            for (int round = 0; round < ops; round++) {
                RandAugmentOp[] chosen = new RandAugmentOp[n];
                float[] strengths = new float[n];
                for (int i = 0; i < n; i++) {
                    chosen[i] = OPS[random.nextInt(OPS.length)];
                    int drawn =
                            randomMagnitude && magnitude > 0
                                    ? 1 + random.nextInt(magnitude)
                                    : magnitude;
                    float sign = random.nextBoolean() ? 1f : -1f;
                    strengths[i] = sign * drawn / 30f;
                }
                unit = applyGrouped(unit, chosen, strengths);
            }
            NDArray result = unit.mul(span).add(low);
            if (cutout > 0) {
                result = Cutout.erase(result, cutout, batch.mean(), random);
            }
            result.attach(owner);
            return result;
        }
    }

    /**
     * Runs each chosen operation once on the images that chose it and puts the results back in
     * the batch's order. Results land in {@code unit}'s manager.
     */
    private static NDArray applyGrouped(
            NDArray unit, RandAugmentOp[] chosen, float[] strengths) {
        int n = chosen.length;
        NDManager manager = unit.getManager();
        NDList parts = new NDList();
        long[] order = new long[n];
        int placed = 0;
        for (RandAugmentOp op : OPS) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (chosen[i] == op) {
                    members.add(i);
                }
            }
            if (members.size() == n) {
                return op.apply(unit, strengths);
            }
            if (members.isEmpty()) {
                continue;
            }
            long[] indices = new long[members.size()];
            float[] groupStrengths = new float[members.size()];
            for (int j = 0; j < indices.length; j++) {
                indices[j] = members.get(j);
                groupStrengths[j] = strengths[members.get(j)];
                order[placed++] = members.get(j);
            }
            NDArray group = unit.get(manager.create(indices));
            parts.add(op.apply(group, groupStrengths));
        }
        long[] inverse = new long[n];
        for (int j = 0; j < n; j++) {
            inverse[(int) order[j]] = j;
        }
        return NDArrays.concat(parts, 0).get(manager.create(inverse));
    }
}
