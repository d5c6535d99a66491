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
     * Runs the block; intermediate arrays and the result belong to the input's manager.
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
            h = Silu.apply(apply(expandNorm, store, apply(expandConv, store, h, training), training));
        }
        h = apply(depthwiseConv, store, h, training);
        h = Silu.apply(apply(depthwiseNorm, store, h, training));
        h = apply(squeezeExcitation, store, h, training);
        h = apply(projectNorm, store, apply(projectConv, store, h, training), training);
        if (spec.residual()) {
            h = DropPath.apply(h, spec.dropPathRate(), training).add(x);
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

    private static NDArray apply(
            Block layer, ParameterStore store, NDArray input, boolean training) {
        return layer.forward(store, new NDList(input), training).singletonOrThrow();
    }
}
