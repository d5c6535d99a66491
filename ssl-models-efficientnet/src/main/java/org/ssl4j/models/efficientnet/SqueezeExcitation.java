package org.ssl4j.models.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-and-excitation as torchvision's {@code SqueezeExcitation} with SiLU: each channel of
 * {@code x} is scaled by {@code sigmoid(fc2(silu(fc1(mean_hw(x)))))}, where {@code fc1} and
 * {@code fc2} are 1x1 convolutions with biases, {@code channels -> squeeze -> channels}.
 *
 * <p>Maps {@code (N, channels, H, W)} to the same shape.
 */
final class SqueezeExcitation extends AbstractBlock {

    private final Conv2d reduce;
    private final Conv2d expand;

    /**
     * @param channels the input's (and output's) channels
     * @param squeeze the bottleneck's channels
     */
    SqueezeExcitation(int channels, int squeeze) {
        reduce = addChildBlock("reduce", Layers.conv(squeeze, 1, 1, 1, true));
        expand = addChildBlock("expand", Layers.conv(channels, 1, 1, 1, true));
    }

    /**
     * @param inputs one {@code (N, C, H, W)} array
     * @param training passed to the convolutions (they behave the same either way)
     * @return one {@code (N, C, H, W)} array in the input's manager
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray scale = Pool.globalAvgPool2d(x).reshape(shape.get(0), shape.get(1), 1, 1);
        scale = Silu.apply(reduce.forward(store, new NDList(scale), training).singletonOrThrow());
        scale = Activation.sigmoid(expand.forward(store, new NDList(scale), training).singletonOrThrow());
        return new NDList(x.mul(scale));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /** Initialises both convolutions for the pooled {@code (N, C, 1, 1)} shape. */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape pooled = new Shape(x.get(0), x.get(1), 1, 1);
        reduce.initialize(manager, dataType, pooled);
        expand.initialize(manager, dataType, reduce.getOutputShapes(new Shape[] {pooled}));
    }
}
