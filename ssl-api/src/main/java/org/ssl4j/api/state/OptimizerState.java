package org.ssl4j.api.state;

import ai.djl.ndarray.NDArray;

/**
 * An optimizer whose state can be checkpointed, implemented by the optimizer objects that an
 * {@link org.ssl4j.api.model.OptimizerConfig} creates (next to extending DJL's {@code
 * Optimizer}). The state of one parameter is what its next update depends on besides the weight
 * and the gradient: momentum buffers, Adam's moments, the update count that indexes the
 * learning-rate schedule.
 *
 * <p>The runtime calls these once per trainable parameter, between steps, with no gradient
 * collector open, keying the state by the parameter's name (parameter ids differ from process
 * to process). An optimizer that does not implement this interface cannot be resumed exactly:
 * the runtime refuses to resume its network's run.
 */
public interface OptimizerState {

    /**
     * Writes the state of one parameter. A parameter that has not been updated yet may write
     * nothing but its update count.
     *
     * @param parameterId the parameter's id in this process (as passed to {@code update})
     * @param state where to write, with keys private to this parameter
     */
    void saveState(String parameterId, StateWriter state);

    /**
     * Replaces the state of one parameter with a saved one, before its next update.
     *
     * @param parameterId the parameter's id in this process (as passed to {@code update})
     * @param state what {@link #saveState} wrote for the same parameter, in another process
     * @param weight the parameter's current value: restored arrays go to its manager and device
     */
    void restoreState(String parameterId, StateReader state, NDArray weight);
}
