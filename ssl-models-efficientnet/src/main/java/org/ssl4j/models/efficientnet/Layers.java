package org.ssl4j.models.efficientnet;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Factories for EfficientNet's layers with torchvision's initialisation: convolutions
 * Kaiming-normal ({@code fan_out}) with zero biases, batch norms at scale 1 and shift 0, the
 * classifier uniform in {@code +-1 / sqrt(classes)} with a zero bias.
 */
final class Layers {

    /**
     * PyTorch's {@code kaiming_normal_(w, mode="fan_out")}: normal with standard deviation {@code
     * sqrt(2 / (outChannels * kh * kw))}; for a depthwise convolution too, as in PyTorch, the
     * fan-out does not divide by the groups.
     */
    private static final Initializer KAIMING_FAN_OUT =
            new XavierInitializer(
                    XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);

    private Layers() {}

    /**
     * A square 2-D convolution with padding {@code kernel / 2}, as torchvision's {@code
     * Conv2dNormActivation} pads it.
     *
     * @param filters the output channels
     * @param kernel the kernel side, odd
     * @param stride the stride on both spatial axes
     * @param groups 1 for a dense convolution, the channel count for a depthwise one
     * @param bias whether the layer adds a bias (initialised to 0)
     * @return a new, uninitialised convolution
     */
    static Conv2d conv(int filters, int kernel, int stride, int groups, boolean bias) {
        Conv2d conv =
                Conv2d.builder()
                        .setFilters(filters)
                        .setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(kernel / 2, kernel / 2))
                        .optGroups(groups)
                        .optBias(bias)
                        .build();
        conv.setInitializer(KAIMING_FAN_OUT, Parameter.Type.WEIGHT);
        conv.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return conv;
    }

    /**
     * A batch normalisation over the channel axis 1, scale 1 and shift 0 at initialisation.
     *
     * @param norm the epsilon and the momentum
     * @return a new, uninitialised batch normalisation
     */
    static BatchNorm batchNorm(BatchNormSettings norm) {
        BatchNorm layer =
                BatchNorm.builder()
                        .optAxis(1)
                        .optEpsilon((float) norm.epsilon())
                        .optMomentum((float) norm.djlMomentum())
                        .build();
        layer.setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        layer.setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        return layer;
    }

    /**
     * The classifier: torchvision initialises its weight uniformly in {@code +-1 /
     * sqrt(classes)} and its bias to 0.
     *
     * @param classes the output width
     * @return a new, uninitialised linear layer
     */
    static Linear classifier(int classes) {
        Linear linear = Linear.builder().setUnits(classes).build();
        linear.setInitializer(
                new UniformInitializer((float) (1 / Math.sqrt(classes))), Parameter.Type.WEIGHT);
        linear.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return linear;
    }
}
