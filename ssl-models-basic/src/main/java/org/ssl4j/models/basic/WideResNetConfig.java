package org.ssl4j.models.basic;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The {@code wide-resnet} backbone: WRN-depth-width as used by the semi-supervised learning
 * literature (FixMatch, Meta Pseudo Labels), layer for layer the reference PyTorch {@code
 * WideResNet}. WRN-28-2 on {@code (3, 32, 32)} with 10 classes has 1,467,610 trainable
 * parameters.
 *
 * <p>Layers: a 3x3 convolution to 16 channels; three groups of {@code (depth - 4) / 6}
 * pre-activation residual blocks ({@link WideResNetBlock}) with {@code 16 * width}, {@code 32 *
 * width} and {@code 64 * width} channels, the first block of each group striding by 1, 2 and 2;
 * a batch norm and a leaky ReLU; global average pooling; dropout (when {@code dropout > 0}); a
 * linear layer to the class logits. Convolutions have no bias and Kaiming-normal ({@code fan_out})
 * weights, batch norms start at scale 1 and shift 0 with epsilon {@code 1e-5}, the linear layer
 * has Xavier-normal weights and a zero bias.
 *
 * @param depth the number of weighted layers; default 28, at least 10 with {@code (depth - 4) % 6
 *     == 0}
 * @param width the widening factor; default 2, at least 1
 * @param dropout the dropout rate before the linear layer, in training only; default 0.2, in [0,
 *     1)
 * @param leakySlope the negative slope of every leaky ReLU; default 0.1, at least 0
 * @param bnMomentum the batch norms' running-statistics momentum in PyTorch's convention ({@code
 *     running = (1 - m) * running + m * batch}); default 0.001, in (0, 1]. DJL's {@code
 *     BatchNorm.optMomentum} uses the opposite (MXNet) convention, so the layers get {@code 1 -
 *     bnMomentum}
 */
public record WideResNetConfig(
        Integer depth, Integer width, Double dropout, Double leakySlope, Double bnMomentum)
        implements BackboneConfig {

    /** Channels of the stem convolution, before widening. */
    private static final int STEM_CHANNELS = 16;

    /** Applies the defaults and checks the depth, width, rate, slope and momentum. */
    public WideResNetConfig {
        depth = depth == null ? 28 : depth;
        if (depth < 10 || (depth - 4) % 6 != 0) {
            throw new InvalidConfigException(
                    "depth", "must be 6n + 4 with n >= 1 (10, 16, 22, 28, ...), got " + depth);
        }
        width = width == null ? 2 : width;
        Checks.positive("width", width);
        dropout = dropout == null ? 0.2 : dropout;
        Checks.belowOne("dropout", dropout);
        leakySlope = leakySlope == null ? 0.1 : leakySlope;
        Checks.nonNegative("leakySlope", leakySlope);
        bnMomentum = bnMomentum == null ? 0.001 : bnMomentum;
        if (!(bnMomentum > 0 && bnMomentum <= 1)) {
            throw new InvalidConfigException("bnMomentum", "must be in (0, 1], got " + bnMomentum);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return a new, uninitialised {@link SequentialBlock} mapping {@code (N, C, H, W)} to {@code
     *     (N, data.classes())} logits
     * @throws InvalidConfigException (field {@code type}) unless the examples are {@code (C, H,
     *     W)}
     */
    @Override
    public Block build(DataSpec data) {
        ImageLayers.requireImageExamples("wide-resnet", data);
        float slope = leakySlope.floatValue();
        int blocksPerGroup = (depth - 4) / 6;
        int[] groupChannels = {
            STEM_CHANNELS * width, 2 * STEM_CHANNELS * width, 4 * STEM_CHANNELS * width
        };
        int[] groupStrides = {1, 2, 2};

        SequentialBlock network = new SequentialBlock();
        network.add(ImageLayers.conv(STEM_CHANNELS, 3, 1, false, ImageLayers.KAIMING_FAN_OUT));
        int inChannels = STEM_CHANNELS;
        for (int group = 0; group < groupChannels.length; group++) {
            for (int i = 0; i < blocksPerGroup; i++) {
                int stride = i == 0 ? groupStrides[group] : 1;
                network.add(
                        new WideResNetBlock(
                                inChannels, groupChannels[group], stride, slope, bnMomentum));
                inChannels = groupChannels[group];
            }
        }
        network.add(ImageLayers.batchNorm(bnMomentum));
        network.add(Activation.leakyReluBlock(slope));
        network.add(Pool.globalAvgPool2dBlock());
        if (dropout > 0) {
            network.add(Dropout.builder().optRate(dropout.floatValue()).build());
        }
        network.add(ImageLayers.linear(data.classes(), ImageLayers.XAVIER_NORMAL));
        return network;
    }
}
