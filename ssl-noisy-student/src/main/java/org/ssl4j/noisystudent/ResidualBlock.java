package org.ssl4j.noisystudent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual block with stochastic depth, channels and size unchanged:
 *
 * <pre>
 * branch = bn2(conv2(relu(bn1(conv1(x)))))
 * training:   return relu(x + branch * mask / survival), mask ~ Bernoulli(survival) per example
 * evaluation: return relu(x + branch)
 * </pre>
 *
 * Dropping the branch per example and scaling the survivors by {@code 1 / survival} keeps the
 * expected output equal to the evaluation output (EfficientNet's drop-connect, which Noisy
 * Student's students use). The mask comes from the engine's generator (seeded by the runtime).
 */
final class ResidualBlock extends AbstractBlock {

    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;
    private final float survival;

    /**
     * @param conv1 the first convolution (same channels, same size)
     * @param bn1 its batch norm
     * @param conv2 the second convolution (same channels, same size)
     * @param bn2 its batch norm
     * @param survival the probability that an example keeps the branch in training, in (0, 1]
     */
    ResidualBlock(Block conv1, Block bn1, Block conv2, Block bn2, double survival) {
        this.conv1 = addChildBlock("conv1", conv1);
        this.bn1 = addChildBlock("bn1", bn1);
        this.conv2 = addChildBlock("conv2", conv2);
        this.bn2 = addChildBlock("bn2", bn2);
        this.survival = (float) survival;
    }

    /**
     * @return the probability that an example keeps the branch in training
     */
    float survival() {
        return survival;
    }

    /**
     * Runs the block; intermediate arrays and the result belong to the input's manager.
     *
     * @param store the parameter store
     * @param inputs one {@code (N, C, H, W)} array
     * @param training true to drop branches and use batch statistics
     * @param params unused
     * @return one {@code (N, C, H, W)} array
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray branch = apply(conv1, store, x, training);
        branch = Activation.relu(apply(bn1, store, branch, training));
        branch = apply(bn2, store, apply(conv2, store, branch, training), training);
        if (training && survival < 1f) {
            long examples = x.getShape().get(0);
            NDArray mask =
                    x.getManager()
                            .randomUniform(0f, 1f, new Shape(examples, 1, 1, 1))
                            .lt(survival)
                            .toType(DataType.FLOAT32, false)
                            .div(survival);
            branch = branch.mul(mask);
        }
        return new NDList(Activation.relu(x.add(branch)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /** Initialises each layer for the shape that reaches it (the input's, throughout). */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        bn1.initialize(manager, dataType, inputShapes);
        conv2.initialize(manager, dataType, inputShapes);
        bn2.initialize(manager, dataType, inputShapes);
    }

    private static NDArray apply(Block layer, ParameterStore store, NDArray input, boolean training) {
        return layer.forward(store, new NDList(input), training).singletonOrThrow();
    }
}
