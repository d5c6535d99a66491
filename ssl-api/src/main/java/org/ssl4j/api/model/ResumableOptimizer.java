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
}
