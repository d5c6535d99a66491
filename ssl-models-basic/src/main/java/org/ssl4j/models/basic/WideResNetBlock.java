package org.ssl4j.models.basic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-activation residual block of a wide ResNet, the reference's {@code Block}:
 *
 * <pre>
 * o = leakyRelu(bn1(x))
 * y = conv2(leakyRelu(bn2(conv1(o))))
 * return y + (shortcut == null ? x : shortcut(o))
 * </pre>
 *
 * where {@code conv1} is a 3x3 convolution with the block's stride, {@code conv2} a 3x3
 * convolution with stride 1, and {@code shortcut} a 1x1 convolution with the block's stride,
 * present only when the width or the stride changes. No convolution has a bias; their weights
 * are Kaiming-normal ({@code fan_out}).
 *
 * <p>Maps {@code (N, inChannels, H, W)} to {@code (N, outChannels, ceil(H / stride), ceil(W /
 * stride))}.
 */
final class WideResNetBlock extends AbstractBlock {

    private final float leakySlope;
    private final BatchNorm bn1;
    private final Conv2d conv1;
    private final BatchNorm bn2;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    /**
     * @param inChannels the channels of the input
     * @param outChannels the channels of the output
     * @param stride the stride of the first convolution and of the shortcut
     * @param leakySlope the negative slope of the leaky ReLUs
     * @param bnMomentum the batch norms' momentum in PyTorch's convention
     */
    WideResNetBlock(
            int inChannels, int outChannels, int stride, float leakySlope, double bnMomentum) {
        this.leakySlope = leakySlope;
        bn1 = addChildBlock("bn1", ImageLayers.batchNorm(bnMomentum));
        conv1 = addChildBlock("conv1", convolution(outChannels, 3, stride));
        bn2 = addChildBlock("bn2", ImageLayers.batchNorm(bnMomentum));
        conv2 = addChildBlock("conv2", convolution(outChannels, 3, 1));
        shortcut =
                inChannels == outChannels && stride == 1
                        ? null
                        : addChildBlock("shortcut", convolution(outChannels, 1, stride));
    }

    /**
     * @return whether the shortcut is a 1x1 convolution (true) or the identity (false)
     */
    boolean hasProjectionShortcut() {
        return shortcut != null;
    }

    /**
     * Runs the block; intermediate arrays and the result belong to the input's manager.
     *
     * @param store the parameter store
     * @param inputs one {@code (N, inChannels, H, W)} array
     * @param training true to normalise with batch statistics and update the running ones
     * @param params unused
     * @return one {@code (N, outChannels, H', W')} array
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray activated = Activation.leakyRelu(apply(bn1, store, x, training), leakySlope);
        NDArray hidden = apply(conv1, store, activated, training);
        hidden = Activation.leakyRelu(apply(bn2, store, hidden, training), leakySlope);
        hidden = apply(conv2, store, hidden, training);
        NDArray residual = shortcut == null ? x : apply(shortcut, store, activated, training);
        return new NDList(hidden.add(residual));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
    }

    /** Initialises each layer for the shape that reaches it. */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        bn1.initialize(manager, dataType, inputShapes);
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] hiddenShapes = conv1.getOutputShapes(inputShapes);
        bn2.initialize(manager, dataType, hiddenShapes);
        conv2.initialize(manager, dataType, hiddenShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    private static Conv2d convolution(int filters, int kernel, int stride) {
        return ImageLayers.conv(filters, kernel, stride, false, ImageLayers.KAIMING_FAN_OUT);
    }

    private static NDArray apply(
            Block layer, ParameterStore store, NDArray input, boolean training) {
        return layer.forward(store, new NDList(input), training).singletonOrThrow();
    }
}
