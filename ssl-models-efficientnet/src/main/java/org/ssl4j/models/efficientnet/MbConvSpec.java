package org.ssl4j.models.efficientnet;

/**
 * The shape of one MBConv block, as {@link EfficientNetLayout} derives it and {@link
 * MbConvBlock} builds it.
 *
 * @param inChannels the channels of the block's input
 * @param expandedChannels the channels after the 1x1 expansion (equal to {@code inChannels}
 *     when the expansion ratio is 1, and then there is no expansion convolution)
 * @param squeezeChannels the bottleneck of the squeeze-and-excitation: {@code max(1, inChannels
 *     / 4)}, a quarter of the block's input channels
 * @param outChannels the channels of the block's output
 * @param kernel the depthwise convolution's kernel side, 3 or 5
 * @param stride the depthwise convolution's stride, 1 or 2
 * @param dropPathRate the probability of dropping the residual branch of an example in
 *     training; used only when the block has a residual connection
 */
record MbConvSpec(
        int inChannels,
        int expandedChannels,
        int squeezeChannels,
        int outChannels,
        int kernel,
        int stride,
        double dropPathRate) {

    /**
     * @return whether the output adds the input: stride 1 and as many channels out as in
     */
    boolean residual() {
        return stride == 1 && inChannels == outChannels;
    }

    /**
     * @return whether there is a 1x1 expansion convolution (the expansion ratio is not 1)
     */
    boolean expands() {
        return expandedChannels != inChannels;
    }

    /**
     * Counts the trainable values of the block: convolution weights, the squeeze-and-excitation
     * convolutions' weights and biases, and each batch norm's scale and shift (not its running
     * statistics).
     *
     * @return the number of trainable parameters
     */
    long parameterCount() {
        long count = 0;
        if (expands()) {
            count += (long) inChannels * expandedChannels + 2L * expandedChannels;
        }
        count += (long) expandedChannels * kernel * kernel + 2L * expandedChannels;
        count += 2L * expandedChannels * squeezeChannels + squeezeChannels + expandedChannels;
        count += (long) expandedChannels * outChannels + 2L * outChannels;
        return count;
    }
}
