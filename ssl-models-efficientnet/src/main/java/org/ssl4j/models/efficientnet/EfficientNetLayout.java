package org.ssl4j.models.efficientnet;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer sizes of an EfficientNet, derived from B0's stage table by compound scaling, with
 * no arrays allocated: {@link EfficientNetConfig#build} builds its block from this layout, and
 * {@link #parameterCount} counts the parameters of the largest variants without building them.
 *
 * <p>B0's stages (expansion ratio, kernel, stride, input channels, output channels, blocks), as
 * the EfficientNet paper's table 1 and torchvision's {@code _efficientnet_conf}:
 *
 * <pre>
 * 1, 3, 1,  32,  16, 1
 * 6, 3, 2,  16,  24, 2
 * 6, 5, 2,  24,  40, 2
 * 6, 3, 2,  40,  80, 3
 * 6, 5, 1,  80, 112, 3
 * 6, 5, 2, 112, 192, 4
 * 6, 3, 1, 192, 320, 1
 * </pre>
 *
 * A variant multiplies every channel count by its width and rounds it to a multiple of 8 (never
 * down by more than 10%), and multiplies every block count by its depth, rounding up. The stem
 * is a 3x3 convolution with stride 2 to the first stage's input channels; the head a 1x1
 * convolution to four times the last stage's output channels. Within a stage only the first
 * block strides and changes the width. The drop-path rate of block {@code i} of {@code n} is
 * {@code dropPath * i / n}.
 *
 * <p>With {@code smallInput}, as Meta Pseudo Labels' code for CIFAR-sized images, the stem and
 * the first blocks of stages 2 and 3 use stride 1 instead of 2: the network downsamples by 4
 * instead of 32, so a 32x32 image reaches the head as 8x8 rather than 1x1. The parameters are
 * the same.
 *
 * @param stemChannels the stem convolution's output channels
 * @param stemStride the stem convolution's stride
 * @param blocks the MBConv blocks in order
 * @param headChannels the head convolution's output channels, the classifier's input width
 */
record EfficientNetLayout(int stemChannels, int stemStride, List<MbConvSpec> blocks, int headChannels) {

    /** B0's stages: expansion ratio, kernel, stride, input channels, output channels, blocks. */
    private static final int[][] B0_STAGES = {
        {1, 3, 1, 32, 16, 1},
        {6, 3, 2, 16, 24, 2},
        {6, 5, 2, 24, 40, 2},
        {6, 3, 2, 40, 80, 3},
        {6, 5, 1, 80, 112, 3},
        {6, 5, 2, 112, 192, 4},
        {6, 3, 1, 192, 320, 1},
    };

    /** The stages whose stride {@code smallInput} sets to 1 (besides the stem): 2 and 3. */
    private static final int SMALL_INPUT_STAGES = 3;

    /** Channels are rounded to multiples of this. */
    private static final int DIVISOR = 8;

    /** Makes the block list immutable. */
    EfficientNetLayout {
        blocks = List.copyOf(blocks);
    }

    /**
     * @param variant the width and depth multipliers
     * @param dropPath the drop-path rate the last block approaches; block {@code i} of {@code n}
     *     gets {@code dropPath * i / n}
     * @param smallInput whether the stem and stages 2-3 keep the resolution (for 28-32 px
     *     images)
     * @return the layout
     */
    static EfficientNetLayout of(EfficientNetVariant variant, double dropPath, boolean smallInput) {
        int[] repeats = new int[B0_STAGES.length];
        int total = 0;
        for (int s = 0; s < B0_STAGES.length; s++) {
            repeats[s] = scaledDepth(B0_STAGES[s][5], variant.depth());
            total += repeats[s];
        }
        List<MbConvSpec> blocks = new ArrayList<>(total);
        int index = 0;
        for (int s = 0; s < B0_STAGES.length; s++) {
            int[] stage = B0_STAGES[s];
            int stageIn = scaledWidth(stage[3], variant.width());
            int out = scaledWidth(stage[4], variant.width());
            int stride = smallInput && s < SMALL_INPUT_STAGES ? 1 : stage[2];
            for (int i = 0; i < repeats[s]; i++) {
                int in = i == 0 ? stageIn : out;
                blocks.add(
                        new MbConvSpec(
                                in,
                                roundToDivisor((double) in * stage[0]),
                                Math.max(1, in / 4),
                                out,
                                stage[1],
                                i == 0 ? stride : 1,
                                dropPath * index / total));
                index++;
            }
        }
        int last = blocks.get(blocks.size() - 1).outChannels();
        return new EfficientNetLayout(
                scaledWidth(B0_STAGES[0][3], variant.width()), smallInput ? 1 : 2, blocks, 4 * last);
    }

    /**
     * Counts the trainable parameters of the network this layout describes: convolution weights,
     * batch norm scales and shifts, the squeeze-and-excitation biases and the classifier's
     * weight and bias. The batch norms' running statistics are not trainable and not counted.
     *
     * @param inChannels the input images' channels
     * @param classes the classifier's outputs
     * @return the number of trainable parameters
     */
    long parameterCount(int inChannels, int classes) {
        long count = (long) inChannels * 9 * stemChannels + 2L * stemChannels;
        for (MbConvSpec block : blocks) {
            count += block.parameterCount();
        }
        int last = blocks.get(blocks.size() - 1).outChannels();
        count += (long) last * headChannels + 2L * headChannels;
        count += (long) headChannels * classes + classes;
        return count;
    }

    private static int scaledWidth(int channels, double width) {
        return roundToDivisor(channels * width);
    }

    private static int scaledDepth(int blocks, double depth) {
        return (int) Math.ceil(blocks * depth);
    }

    /** Rounds to the nearest multiple of 8, at least 8, and never down by more than 10%. */
    private static int roundToDivisor(double value) {
        int rounded = Math.max(DIVISOR, (int) (value + DIVISOR / 2.0) / DIVISOR * DIVISOR);
        return rounded < 0.9 * value ? rounded + DIVISOR : rounded;
    }
}
