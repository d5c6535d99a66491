package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.StepContext;

/**
 * The role that makes pseudo labels for unlabeled examples. Some teachers are the student itself
 * or a copy of it (self-training, FixMatch, Mean Teacher), some are frozen (Noisy Student), and
 * some learn from the student's feedback (Meta Pseudo Labels).
 */
public interface Teacher {

    /**
     * Labels a batch. Called with no gradient collector open unless the teacher learns.
     *
     * @param inputs the unlabeled view to label, {@code (U, ...exampleShape)}
     * @param context the step
     * @return pseudo labels carrying no gradient, in the step's manager
     */
    PseudoLabels teach(NDArray inputs, StepContext context);

    /**
     * Called after the student's step of the same training step, with what the student reports.
     * A teacher that follows the student (a moving average, a copy refreshed every N steps)
     * updates itself here; an MPL teacher takes its gradient step. The default does nothing.
     *
     * @param feedback the student's losses (and labeled loss before and after its update)
     * @param context the step
     */
    default void learn(StudentFeedback feedback, StepContext context) {}
}
