package org.ssl4j.models.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * SiLU (swish with beta 1), {@code x * sigmoid(x)}, as a parameter-free block and as a function.
 * Two engine operations; DJL's {@code Activation.swish} takes three.
 */
final class Silu extends AbstractBlock {

    /** Creates the block; it has no parameters. */
    Silu() {}

    /**
     * @param x any array; the result belongs to its manager
     * @return {@code x * sigmoid(x)}, a new array of the same shape (the sigmoid in between is
     *     closed)
     */
    static NDArray apply(NDArray x) {
        // The sigmoid is released at once; autograd keeps its own reference for backward.
        try (NDArray sigmoid = Activation.sigmoid(x)) {
            return x.mul(sigmoid);
        }
    }

    /**
     * @param inputs one array of any shape
     * @param training unused
     * @return one array of the same shape, in the input's manager
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
