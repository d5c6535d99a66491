package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * The role that makes pseudo labels for unlabeled examples. Some teachers are the student itself
 * or a copy of it (self-training, FixMatch, Mean Teacher), some are frozen (Noisy Student, a
 * network from a finished run), and some learn from the student's feedback (Meta Pseudo Labels).
 * Picked by config ({@code teacher.type}).
 */
public interface Teacher {

    /**
     * Labels the step's unlabeled examples, on {@linkplain #view() its view} of them. Called with
     * no gradient collector open.
     *
     * @param context the step, with its labeled batch and unlabeled views
     * @return pseudo labels carrying no gradient, in the step's manager
     */
    PseudoLabels teach(StepContext context);

    /**
     * Called after the student's step of the same training step, with what the student reports.
     * A teacher that follows the student (a moving average, a copy refreshed every N steps)
     * updates itself here; an MPL teacher takes its gradient step. Called with no gradient
     * collector open. The default does nothing.
     *
     * @param feedback the student's losses (and labeled loss before and after its update)
     * @param context the step
     * @return the loss terms the teacher optimised, by name, for the step's metrics (empty when
     *     it optimises none)
     */
    default Map<String, NDArray> learn(StudentFeedback feedback, StepContext context) {
        return Map.of();
    }

    /**
     * @return the unlabeled view it labels
     */
    default View view() {
        return View.WEAK;
    }

    /**
     * @return whether it needs the strong view (its view, or one of its auxiliary losses)
     */
    default boolean needsStrongView() {
        return view() == View.STRONG;
    }

    /**
     * @return whether it needs a student that {@linkplain Student#measuresFeedback() measures}
     *     its labeled loss before and after its update; a composition pairing it with one that
     *     does not is refused before training
     */
    default boolean needsFeedback() {
        return false;
    }

    /**
     * Writes what the teacher keeps outside its networks and its next steps depend on (a moving
     * baseline), for a checkpoint; networks made through the method's context are saved by the
     * runtime. Called between steps. The default writes nothing.
     *
     * @param state where to write; keys are private to the teacher
     */
    default void saveState(StateWriter state) {}

    /**
     * Restores what {@link #saveState} wrote, when a run resumes in a new process, after the
     * networks were restored. The default reads nothing.
     *
     * @param state what {@link #saveState} wrote
     */
    default void restoreState(StateReader state) {}
}
