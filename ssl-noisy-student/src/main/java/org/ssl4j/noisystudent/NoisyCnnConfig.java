package org.ssl4j.noisystudent;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The {@code noisy-cnn} backbone: the {@code small-cnn} layout with the noise Noisy Student puts
 * on its students, and a width factor to make a student larger than its teacher.
 *
 * <p>Layers: three stages of {@code round(32 w)}, {@code round(64 w)} and {@code round(128 w)}
 * channels; each stage is a 3x3 convolution (with bias), batch norm, ReLU, then {@code blocks}
 * {@link ResidualBlock}s with stochastic depth, then (first two stages) 2x2 max pooling; global
 * average pooling; dropout; a linear layer to the class logits. The residual blocks' survival
 * probabilities fall linearly from 1 to {@code survival} at the last block (the paper's 0.8).
 * With {@code width 1} and {@code blocks 0} it is {@code small-cnn} plus dropout (94,410
 * parameters on {@code (1, 28, 28)} with 10 classes). Convolutions are Kaiming-normal ({@code
 * fan_in}), the linear layer Xavier-normal, biases 0, batch norms PyTorch's defaults (momentum
 * 0.1, epsilon 1e-5).
 *
 * @param width channel factor, in [0.25, 8]; default 1
 * @param blocks residual blocks per stage, in [0, 8]; default 0
 * @param dropout dropout rate before the linear layer, in training only, in [0, 1); default 0.5
 * @param survival survival probability of the last residual block, in (0, 1]; default 0.8
 */
public record NoisyCnnConfig(Double width, Integer blocks, Double dropout, Double survival)
        implements BackboneConfig {

    private static final int[] BASE_CHANNELS = {32, 64, 128};
    private static final float BN_MOMENTUM = 0.1f;
    private static final float BN_EPSILON = 1e-5f;
    private static final Initializer KAIMING_FAN_IN =
            new XavierInitializer(
                    XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2);
    private static final Initializer XAVIER_NORMAL =
            new XavierInitializer(
                    XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.AVG, 1);

    /** Applies the defaults and checks the ranges. */
    public NoisyCnnConfig {
        width = width == null ? 1.0 : width;
        Checks.inRange("width", width, 0.25, 8);
        blocks = blocks == null ? 0 : blocks;
        Checks.inRange("blocks", blocks, 0, 8);
        dropout = dropout == null ? 0.5 : dropout;
        Checks.belowOne("dropout", dropout);
        survival = survival == null ? 0.8 : survival;
        if (!(survival > 0 && survival <= 1)) {
            throw new InvalidConfigException("survival", "must be in (0, 1], got " + survival);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return a new, uninitialised block mapping {@code (N, C, H, W)} to {@code (N,
     *     data.classes())} logits; {@code H} and {@code W} should be at least 4
     * @throws InvalidConfigException (field {@code type}) unless the examples are {@code (C, H,
     *     W)}
     */
    @Override
    public Block build(DataSpec data) {
        if (data.exampleShape().dimension() != 3) {
            throw new InvalidConfigException(
                    "type",
                    "noisy-cnn needs image examples (C, H, W), but the data's examples have shape "
                            + data.exampleShape());
        }
        SequentialBlock network = new SequentialBlock();
        int total = BASE_CHANNELS.length * blocks;
        int index = 0;
        for (int stage = 0; stage < BASE_CHANNELS.length; stage++) {
            int channels = Math.max(1, (int) Math.round(BASE_CHANNELS[stage] * width));
            network.add(conv(channels));
            network.add(batchNorm());
            network.add(Activation.reluBlock());
            for (int b = 0; b < blocks; b++) {
                index++;
                double keep = 1 - (1 - survival) * index / total;
                network.add(new ResidualBlock(conv(channels), batchNorm(), conv(channels), batchNorm(), keep));
            }
            if (stage < BASE_CHANNELS.length - 1) {
                network.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        network.add(Pool.globalAvgPool2dBlock());
        network.add(Blocks.batchFlattenBlock());
        if (dropout > 0) {
            network.add(Dropout.builder().optRate(dropout.floatValue()).build());
        }
        Linear linear = Linear.builder().setUnits(data.classes()).build();
        linear.setInitializer(XAVIER_NORMAL, Parameter.Type.WEIGHT);
        linear.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        network.add(linear);
        return network;
    }

    private static Conv2d conv(int filters) {
        Conv2d conv =
                Conv2d.builder()
                        .setFilters(filters)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build();
        conv.setInitializer(KAIMING_FAN_IN, Parameter.Type.WEIGHT);
        conv.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return conv;
    }

    private static BatchNorm batchNorm() {
        BatchNorm norm =
                BatchNorm.builder()
                        .optAxis(1)
                        .optEpsilon(BN_EPSILON)
                        .optMomentum(1 - BN_MOMENTUM)
                        .build();
        norm.setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        norm.setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        return norm;
    }
}
