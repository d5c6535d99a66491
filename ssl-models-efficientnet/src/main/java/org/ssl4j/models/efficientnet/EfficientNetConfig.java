package org.ssl4j.models.efficientnet;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The {@code efficientnet} backbone: EfficientNet B0-B7 layer for layer as torchvision's {@code
 * efficientnet_b0 .. b7}, and the wider and larger students of Meta Pseudo Labels (B6-Wide) and
 * Noisy Student (L2). The input channels and the class count come from the data.
 *
 * <p>Layers ({@link EfficientNetLayout} has the sizes): a 3x3 convolution (stride 2, or 1 with
 * {@code smallInputStem}), batch norm and SiLU; the MBConv blocks ({@link MbConvBlock}:
 * expansion, depthwise convolution, squeeze-and-excitation with a quarter of the block's input
 * channels, projection, and a residual with stochastic depth where shapes allow); a 1x1
 * convolution to four times the last block's channels, batch norm and SiLU; global average
 * pooling; dropout (when {@code dropout > 0}); a linear layer to the class logits.
 *
 * <table>
 * <caption>Variants: multipliers, design resolution, default dropout, trainable parameters
 * with 3 input channels and 1000 classes</caption>
 * <tr><th>variant</th><th>width</th><th>depth</th><th>resolution</th><th>dropout</th><th>parameters</th></tr>
 * <tr><td>b0</td><td>1.0</td><td>1.0</td><td>224</td><td>0.2</td><td>5,288,548</td></tr>
 * <tr><td>b1</td><td>1.0</td><td>1.1</td><td>240</td><td>0.2</td><td>7,794,184</td></tr>
 * <tr><td>b2</td><td>1.1</td><td>1.2</td><td>260</td><td>0.3</td><td>9,109,994</td></tr>
 * <tr><td>b3</td><td>1.2</td><td>1.4</td><td>300</td><td>0.3</td><td>12,233,232</td></tr>
 * <tr><td>b4</td><td>1.4</td><td>1.8</td><td>380</td><td>0.4</td><td>19,341,616</td></tr>
 * <tr><td>b5</td><td>1.6</td><td>2.2</td><td>456</td><td>0.4</td><td>30,389,784</td></tr>
 * <tr><td>b6</td><td>1.8</td><td>2.6</td><td>528</td><td>0.5</td><td>43,040,704</td></tr>
 * <tr><td>b7</td><td>2.0</td><td>3.1</td><td>600</td><td>0.5</td><td>66,347,960</td></tr>
 * <tr><td>b6-wide</td><td>5.0</td><td>2.6</td><td>800</td><td>0.5</td><td>316,649,180</td></tr>
 * <tr><td>l2</td><td>4.3</td><td>5.3</td><td>800</td><td>0.5</td><td>480,309,308</td></tr>
 * </table>
 *
 * B0-B7 are torchvision's counts. L2 is Noisy Student's (width 4.3, depth 5.3, resolution 800,
 * dropout 0.5; the papers quote about 480M parameters). B6-Wide is Meta Pseudo Labels' {@code
 * efficientnet-b6-mpl} from its reference code: B6's depth and dropout with width 5.0, at
 * resolution 800, assuming (as that code does) the same MBConv blocks and head as B0-B7. Both
 * counts are computed by {@link #parameterCount} from the layout the block is built from,
 * without allocating anything; torchvision 0.14's {@code EfficientNet} class with the same
 * multipliers gives the same two numbers.
 *
 * <p>Initialisation as torchvision: convolutions Kaiming-normal ({@code fan_out}), batch norms
 * at scale 1 and shift 0, the classifier uniform in {@code +-1/sqrt(classes)} with zero bias.
 *
 * @param variant {@code b0} (default) .. {@code b7}, {@code b6-wide} or {@code l2}
 * @param dropout the dropout rate before the classifier, in training only; default the
 *     variant's (0.2 for b0 and b1, 0.3 for b2 and b3, 0.4 for b4 and b5, 0.5 for the rest), in
 *     [0, 1)
 * @param dropPath the stochastic-depth rate: block {@code i} of {@code n} drops its residual
 *     branch with probability {@code dropPath * i / n}, in training only; default 0.2 (the
 *     papers' and torchvision's), in [0, 1)
 * @param smallInputStem for 28-32 px images: the stem and the first blocks of stages 2 and 3
 *     keep the resolution (stride 1), as Meta Pseudo Labels' code for CIFAR, so the network
 *     downsamples by 4 instead of 32; the parameters are the same. Default false
 * @param bnEpsilon every batch norm's epsilon; default 1e-3, the EfficientNet reference's (and
 *     torchvision's for b5-b7; torchvision's b0-b4 use PyTorch's default 1e-5); {@code > 0}
 * @param bnMomentum every batch norm's running-statistics momentum in PyTorch's convention
 *     ({@code running = (1 - m) * running + m * batch}); default 0.1, PyTorch's default and
 *     torchvision's for b0-b4 (the EfficientNet reference and torchvision's b5-b7 use 0.01, i.e.
 *     TensorFlow's decay 0.99). 0.1 makes the running statistics usable after tens of steps,
 *     which matters when a method labels with the network in evaluation mode (a {@code self}
 *     teacher); in (0, 1]. DJL's {@code BatchNorm.optMomentum} takes {@code 1 - bnMomentum}
 */
public record EfficientNetConfig(
        String variant,
        Double dropout,
        Double dropPath,
        Boolean smallInputStem,
        Double bnEpsilon,
        Double bnMomentum)
        implements BackboneConfig {

    /** Applies the defaults and checks the variant name, the rates and the batch norm settings. */
    public EfficientNetConfig {
        variant = variant == null ? EfficientNetVariant.B0.configName() : variant;
        EfficientNetVariant scaling = EfficientNetVariant.named("variant", variant);
        dropout = dropout == null ? scaling.dropout() : dropout;
        Checks.belowOne("dropout", dropout);
        dropPath = dropPath == null ? 0.2 : dropPath;
        Checks.belowOne("dropPath", dropPath);
        smallInputStem = smallInputStem != null && smallInputStem;
        bnEpsilon = bnEpsilon == null ? 1e-3 : bnEpsilon;
        Checks.positive("bnEpsilon", bnEpsilon);
        bnMomentum = bnMomentum == null ? 0.1 : bnMomentum;
        if (!(bnMomentum > 0 && bnMomentum <= 1)) {
            throw new InvalidConfigException("bnMomentum", "must be in (0, 1], got " + bnMomentum);
        }
    }

    /**
     * The sizes of every layer of this config's network, computed without building it.
     *
     * @return the layout {@link #build} builds
     */
    EfficientNetLayout layout() {
        return EfficientNetLayout.of(
                EfficientNetVariant.named("variant", variant), dropPath, smallInputStem);
    }

    /**
     * Counts the trainable parameters of the network this config builds for {@code data},
     * without building it: what {@link #build} followed by initialisation would allocate,
     * less the batch norms' running statistics.
     *
     * @param data the input shape {@code (C, H, W)} and the class count
     * @return the number of trainable parameter values
     * @throws InvalidConfigException (field {@code type}) unless the examples are {@code (C, H,
     *     W)}
     */
    public long parameterCount(DataSpec data) {
        requireImageExamples(data);
        return layout().parameterCount((int) data.exampleShape().get(0), data.classes());
    }

    /**
     * {@inheritDoc}
     *
     * @return a new, uninitialised {@link SequentialBlock} mapping {@code (N, C, H, W)} to {@code
     *     (N, data.classes())} logits, for any {@code H, W >= 1}: stem, MBConv blocks and head
     *     are its children in order, so the runtime can release each one's intermediates early
     * @throws InvalidConfigException (field {@code type}) unless the examples are {@code (C, H,
     *     W)}
     */
    @Override
    public Block build(DataSpec data) {
        requireImageExamples(data);
        EfficientNetLayout layout = layout();
        BatchNormSettings norm = new BatchNormSettings(bnEpsilon, bnMomentum);
        SequentialBlock network = new SequentialBlock();
        network.add(
                new SequentialBlock()
                        .add(Layers.conv(layout.stemChannels(), 3, layout.stemStride(), 1, false))
                        .add(Layers.batchNorm(norm))
                        .add(new Silu()));
        for (MbConvSpec block : layout.blocks()) {
            network.add(new MbConvBlock(block, norm));
        }
        network.add(
                new SequentialBlock()
                        .add(Layers.conv(layout.headChannels(), 1, 1, 1, false))
                        .add(Layers.batchNorm(norm))
                        .add(new Silu()));
        network.add(Pool.globalAvgPool2dBlock());
        if (dropout > 0) {
            network.add(Dropout.builder().optRate(dropout.floatValue()).build());
        }
        network.add(Layers.classifier(data.classes()));
        return network;
    }

    private static void requireImageExamples(DataSpec data) {
        Shape shape = data.exampleShape();
        if (shape.dimension() != 3) {
            throw new InvalidConfigException(
                    "type",
                    "efficientnet needs image examples (C, H, W), but the data's examples have"
                            + " shape "
                            + shape);
        }
    }

}
