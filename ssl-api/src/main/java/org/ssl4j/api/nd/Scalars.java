package org.ssl4j.api.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication by a number that is safe on a path gradients flow through.
 *
 * <p>With DJL's PyTorch engine, {@code x.mul(2f)} (and {@code div}, {@code pow}, ... with a
 * {@link Number}) wraps the number in a tensor that aliases a Java direct buffer and drops it at
 * once. When {@code x} records gradients, autograd keeps that tensor for the backward pass; if
 * the JVM's garbage collector frees the buffer before {@code backward}, the backward pass reads
 * freed memory and the gradient is silently wrong (zero or huge). {@link #times} makes the factor
 * a tensor libtorch allocates itself, which autograd's reference keeps alive. Use it for every
 * number that multiplies a value gradients flow through; numbers applied to values that record
 * no gradient (targets, masks, augmentations) are safe.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * @param x any array, usually one that records gradients
     * @param factor the number
     * @return {@code x * factor}, in {@code x}'s manager
     */
    public static NDArray times(NDArray x, double factor) {
        return x.mul(x.getManager().full(new Shape(), (float) factor, x.getDataType()));
    }
}
