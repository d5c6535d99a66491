package org.ssl4j.models.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One MBConv block (mobile inverted bottleneck), torchvision's {@code MBConv}:
 *
 * <pre>
 * h = expands ? silu(bn0(conv1x1(x))) : x          to expandedChannels
 * h = silu(bn1(depthwise(h)))                      kernel k, the block's stride
 * h = squeezeExcitation(h)                         bottleneck max(1, inChannels / 4)
 * h = bn2(conv1x1(h))                              to outChannels, no activation
 * return residual ? dropPath(h) + x : h
 * </pre>
 *
 * No convolution but the squeeze-and-excitation's has a bias. Maps {@code (N, inChannels, H, W)}
 * to {@code (N, outChannels, ceil(H / stride), ceil(W / stride))}.
 */
final class MbConvBlock extends AbstractBlock {

    private final MbConvSpec spec;
    private final Conv2d expandConv;
    private final BatchNorm expandNorm;
    private final Conv2d depthwiseConv;
    private final BatchNorm depthwiseNorm;
    private final SqueezeExcitation squeezeExcitation;
    private final Conv2d projectConv;
    private final BatchNorm projectNorm;

    /**
     * @param spec the block's channels, kernel, stride and drop-path rate
     * @param norm the batch norms' epsilon and momentum
     */
    MbConvBlock(MbConvSpec spec, BatchNormSettings norm) {
        this.spec = spec;
        int expanded = spec.expandedChannels();
        if (spec.expands()) {
            expandConv = addChildBlock("expandConv", Layers.conv(expanded, 1, 1, 1, false));
            expandNorm = addChildBlock("expandNorm", Layers.batchNorm(norm));
        } else {
            expandConv = null;
            expandNorm = null;
        }
        depthwiseConv =
                addChildBlock(
                        "depthwiseConv",
                        Layers.conv(expanded, spec.kernel(), spec.stride(), expanded, false));
        depthwiseNorm = addChildBlock("depthwiseNorm", Layers.batchNorm(norm));
        squeezeExcitation =
                addChildBlock(
                        "squeezeExcitation",
                        new SqueezeExcitation(expanded, spec.squeezeChannels()));
        projectConv =
                addChildBlock("projectConv", Layers.conv(spec.outChannels(), 1, 1, 1, false));
        projectNorm = addChildBlock("projectNorm", Layers.batchNorm(norm));
    }

    /**
     * @return the block's channels, kernel, stride and drop-path rate
     */
    MbConvSpec spec() {
        return spec;
    }

    /**
     * Runs the block; the result belongs to the input's manager, and each intermediate array is
     * closed as soon as the next one is computed.
     *
     * @param store the parameter store
     * @param inputs one {@code (N, inChannels, H, W)} array
     * @param training true to normalise with batch statistics (and update the running ones) and
     *     to drop paths; false for the deterministic evaluation network
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
        NDArray h = x;
        if (expandConv != null) {
            h = next(h, x, apply(expandConv, store, h, training));
            h = next(h, x, apply(expandNorm, store, h, training));
            h = next(h, x, Silu.apply(h));
        }
        h = next(h, x, apply(depthwiseConv, store, h, training));
        h = next(h, x, apply(depthwiseNorm, store, h, training));
        h = next(h, x, Silu.apply(h));
        h = next(h, x, apply(squeezeExcitation, store, h, training));
        h = next(h, x, apply(projectConv, store, h, training));
        h = next(h, x, apply(projectNorm, store, h, training));
        if (spec.residual()) {
            h = next(h, x, DropPath.apply(h, spec.dropPathRate(), training));
            h = next(h, x, h.add(x));
        }
        return new NDList(h);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return projectConv.getOutputShapes(depthwiseConv.getOutputShapes(inputShapes));
    }

    /** Initialises each layer for the shape that reaches it. */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        if (expandConv != null) {
            expandConv.initialize(manager, dataType, shapes);
            shapes = expandConv.getOutputShapes(shapes);
            expandNorm.initialize(manager, dataType, shapes);
        }
        depthwiseConv.initialize(manager, dataType, shapes);
        shapes = depthwiseConv.getOutputShapes(shapes);
        depthwiseNorm.initialize(manager, dataType, shapes);
        squeezeExcitation.initialize(manager, dataType, shapes);
        projectConv.initialize(manager, dataType, shapes);
        projectNorm.initialize(manager, dataType, projectConv.getOutputShapes(shapes));
    }

    /**
     * Releases an intermediate array as soon as the next one exists, as PyTorch's reference
     * counting would: the block's input stays, and autograd keeps what backward needs through its
     * own references. Without this, a block's ten or so full-size intermediates would all live
     * until the block returns (several GB for a 1024-image evaluation chunk at 28 px with the
     * small-input stem).
     *
     * @param current the array just consumed
     * @param input the block's input, never closed here
     * @param next the array computed from {@code current}
     * @return {@code next}
     */
    private static NDArray next(NDArray current, NDArray input, NDArray next) {
        if (current != input && current != next) {
            current.close();
        }
        return next;
    }

    private static NDArray apply(
            Block layer, ParameterStore store, NDArray input, boolean training) {
        return layer.forward(store, new NDList(input), training).singletonOrThrow();
    }
}
