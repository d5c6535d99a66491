package org.ssl4j.api.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Config of an optimizer with its learning-rate schedule, selected by {@code ...optimizer.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface OptimizerConfig {

    /**
     * Creates the optimizer for one network. Each network gets its own instance, because DJL
     * optimizers keep per-parameter state.
     *
     * @param totalSteps the number of updates the schedule spans (for cosine decay)
     * @return an optimizer whose state a checkpoint keeps; the runtime calls its {@code update}
     *     once per parameter per step, with gradients already computed, outside any gradient
     *     recording
     */
    ResumableOptimizer create(long totalSteps);
}
