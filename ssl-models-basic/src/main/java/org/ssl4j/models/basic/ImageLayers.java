package org.ssl4j.models.basic;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;

/**
 * Factories for the layers of the image backbones, with PyTorch's layer conventions and the
 * initialisers set explicitly rather than left to DJL's defaults.
 */
final class ImageLayers {

    /**
     * Kaiming-normal with {@code fan_out} for a ReLU-family activation, as PyTorch's {@code
     * kaiming_normal_(w, mode="fan_out", nonlinearity="leaky_relu")} with its default {@code a =
     * 0}: normal with standard deviation {@code sqrt(2 / (outChannels * kh * kw))}.
     */
    static final Initializer KAIMING_FAN_OUT =
            new XavierInitializer(
                    XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);

    /**
     * Kaiming-normal with {@code fan_in} for ReLU: normal with standard deviation {@code sqrt(2 /
     * (inChannels * kh * kw))} (DJL's default for weights, set explicitly).
     */
    static final Initializer KAIMING_FAN_IN =
            new XavierInitializer(
                    XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2);

    /**
     * Xavier-normal as PyTorch's {@code xavier_normal_}: normal with standard deviation {@code
     * sqrt(2 / (fanIn + fanOut))}.
     */
    static final Initializer XAVIER_NORMAL =
            new XavierInitializer(
                    XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.AVG, 1);

    /** PyTorch's {@code BatchNorm2d} default epsilon. */
    private static final float BATCH_NORM_EPSILON = 1e-5f;

    private ImageLayers() {}

    /**
     * @param backbone the backbone's config name, for the error message
     * @param data the data the backbone is built for
     * @throws InvalidConfigException (field {@code type}) unless the examples are images {@code
     *     (C, H, W)}
     */
    static void requireImageExamples(String backbone, DataSpec data) {
        Shape shape = data.exampleShape();
        if (shape.dimension() != 3) {
            throw new InvalidConfigException(
                    "type",
                    backbone
                            + " needs image examples (C, H, W), but the data's examples have shape "
                            + shape);
        }
    }

    /**
     * A square 2-D convolution with "same"-style padding {@code kernel / 2}, as PyTorch's {@code
     * Conv2d(cin, filters, kernel, stride, kernel // 2, bias=bias)}.
     *
     * @param filters the output channels
     * @param kernel the kernel side, odd
     * @param stride the stride on both spatial axes
     * @param bias whether the layer adds a bias (initialised to 0)
     * @param weights the initialiser of the weight
     * @return a new, uninitialised convolution
     */
    static Conv2d conv(int filters, int kernel, int stride, boolean bias, Initializer weights) {
        Conv2d conv =
                Conv2d.builder()
                        .setFilters(filters)
                        .setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(kernel / 2, kernel / 2))
                        .optBias(bias)
                        .build();
        conv.setInitializer(weights, Parameter.Type.WEIGHT);
        conv.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return conv;
    }

    /**
     * A batch normalisation over the channel axis 1 with PyTorch's epsilon {@code 1e-5}, scale 1
     * and shift 0 at initialisation.
     *
     * @param pytorchMomentum the running-statistics momentum in PyTorch's convention ({@code
     *     running = (1 - m) * running + m * batch}); DJL's {@code optMomentum} takes the opposite
     *     (MXNet) convention, so the layer gets {@code 1 - pytorchMomentum}
     * @return a new, uninitialised batch normalisation
     */
    static BatchNorm batchNorm(double pytorchMomentum) {
        BatchNorm norm =
                BatchNorm.builder()
                        .optAxis(1)
                        .optEpsilon(BATCH_NORM_EPSILON)
                        .optMomentum((float) (1 - pytorchMomentum))
                        .build();
        norm.setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        norm.setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        return norm;
    }

    /**
     * A fully connected layer with a bias initialised to 0.
     *
     * @param units the output width
     * @param weights the initialiser of the weight
     * @return a new, uninitialised linear layer
     */
    static Linear linear(int units, Initializer weights) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(weights, Parameter.Type.WEIGHT);
        linear.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return linear;
    }
}
