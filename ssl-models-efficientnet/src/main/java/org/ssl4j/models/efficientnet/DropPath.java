package org.ssl4j.models.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Stochastic depth ("drop path", "drop connect"), per example: in training, each example's
 * residual branch is zeroed with probability {@code rate} and the kept ones are divided by
 * {@code 1 - rate}, so the expectation is unchanged; in evaluation it is the identity. The same
 * as torchvision's {@code StochasticDepth(rate, "row")}.
 */
final class DropPath {

    private DropPath() {}

    /**
     * @param branch the residual branch, {@code (N, ...)}
     * @param rate the drop probability, in [0, 1)
     * @param training whether the network is training; if not, {@code branch} is returned
     * @return {@code branch} itself when not training or {@code rate == 0}; otherwise a new
     *     array of the same shape in the branch's manager
     */
    static NDArray apply(NDArray branch, double rate, boolean training) {
        if (!training || rate == 0) {
            return branch;
        }
        float keep = (float) (1 - rate);
        Shape perExample = new Shape(branch.getShape().get(0));
        for (int i = 1; i < branch.getShape().dimension(); i++) {
            perExample = perExample.add(1);
        }
        // floor(u) with u uniform in [keep, 1 + keep) is 1 with probability keep, else 0.
        NDArray mask =
                branch.getManager().randomUniform(keep, 1 + keep, perExample).floor().divi(keep);
        return branch.mul(mask);
    }
}
