package org.ssl4j.api.model;

import ai.djl.training.optimizer.Optimizer;
import org.ssl4j.api.state.OptimizerState;

/**
 * A DJL optimizer whose per-parameter state a checkpoint keeps, so that a resumed run updates
 * exactly as an uninterrupted one. What an {@link OptimizerConfig} creates. Added in SPI 2.0
 * (1.x found the state by {@code instanceof}).
 */
public abstract class ResumableOptimizer extends Optimizer implements OptimizerState {

    /**
     * @param builder DJL's optimizer settings (weight decay, gradient clipping, rescaling)
     */
    protected ResumableOptimizer(OptimizerBuilder<?> builder) {
        super(builder);
    }

    /**
     * Whether {@code update} treats each element on its own: the new value of an element of the
     * weight (and of this optimizer's state) depends only on the same element of the weight, the
     * gradient and the state, and on the update count, as in SGD and Adam. The runtime then lays
     * a network's trainable parameters, their gradients and this optimizer's state out as one
     * flat array each and calls {@code update}, {@code saveState} and {@code restoreState} once
     * per network, with one id for all parameters (a fused update: a handful of native calls per
     * network instead of several per parameter). State saved that way is split back per
     * parameter, so checkpoints look the same either way.
     *
     * <p>Added in SPI 2.1.
     *
     * @return true when the fused update gives the same numbers as updating one parameter at a
     *     time; false (the default) for an optimizer that looks across a parameter's elements
     *     (per-layer norms, for instance)
     */
    public boolean isElementwise() {
        return false;
    }
}
