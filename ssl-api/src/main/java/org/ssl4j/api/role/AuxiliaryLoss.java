package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.StepContext;

/**
 * An extra loss term attached to a teacher or a student by config (UDA consistency, entropy
 * minimisation, ...). It owns its weight and warm-up: the value it returns is already weighted.
 */
public interface AuxiliaryLoss {

    /**
     * @return the term's name in metrics ({@code uda}, {@code entropy})
     */
    String name();

    /**
     * Computes the weighted term. Called inside the network's open gradient collector.
     *
     * @param inputs the logits of this step's forward passes
     * @param context the step (for warm-up schedules)
     * @return a scalar, differentiable in the logits it used
     * @throws IllegalStateException when a view it needs is missing from {@code inputs}, naming
     *     the view
     */
    NDArray compute(AuxiliaryInputs inputs, StepContext context);

    /**
     * @return whether the term needs the strong view, so a method asks the runtime for it
     */
    default boolean needsStrongView() {
        return false;
    }
}
