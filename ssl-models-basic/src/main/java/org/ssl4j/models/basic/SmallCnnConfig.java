package org.ssl4j.models.basic;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The {@code small-cnn} backbone: three 3x3 convolutions, layer for layer the reference PyTorch
 * {@code small_cnn}, for quick runs on small images such as 28x28 digits.
 *
 * <p>Layers: conv3x3(C to 32, padding 1, with bias), batch norm, ReLU, 2x2 max pooling;
 * conv3x3(32 to 64), batch norm, ReLU, 2x2 max pooling; conv3x3(64 to 128), batch norm, ReLU;
 * global average pooling to {@code (N, 128)}; a linear layer to the class logits. On {@code (1,
 * 28, 28)} with 10 classes it has 94,410 trainable parameters. Batch norms use PyTorch's defaults
 * (momentum 0.1 in PyTorch's convention, epsilon {@code 1e-5}, scale 1, shift 0). Weights are
 * Kaiming-normal ({@code fan_in}) for the convolutions and Xavier-normal for the linear layer,
 * biases 0; PyTorch's own default initialisation differs, so only the architecture matches the
 * reference, not the random starting point.
 */
public record SmallCnnConfig() implements BackboneConfig {

    /** PyTorch's default {@code BatchNorm2d} momentum. */
    private static final double BN_MOMENTUM = 0.1;

    /**
     * {@inheritDoc}
     *
     * @return a new, uninitialised {@link SequentialBlock} mapping {@code (N, C, H, W)} to {@code
     *     (N, data.classes())} logits; {@code H} and {@code W} should be at least 4
     * @throws org.ssl4j.api.config.InvalidConfigException (field {@code type}) unless the examples
     *     are {@code (C, H, W)}
     */
    @Override
    public Block build(DataSpec data) {
        ImageLayers.requireImageExamples("small-cnn", data);
        SequentialBlock network = new SequentialBlock();
        int[] filters = {32, 64, 128};
        for (int i = 0; i < filters.length; i++) {
            network.add(ImageLayers.conv(filters[i], 3, 1, true, ImageLayers.KAIMING_FAN_IN));
            network.add(ImageLayers.batchNorm(BN_MOMENTUM));
            network.add(Activation.reluBlock());
            if (i < filters.length - 1) {
                network.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        network.add(Pool.globalAvgPool2dBlock());
        network.add(Blocks.batchFlattenBlock());
        network.add(ImageLayers.linear(data.classes(), ImageLayers.XAVIER_NORMAL));
        return network;
    }
}
