package org.ssl4j.runtime.result;

import java.nio.file.Path;

/**
 * Follows a training run: progress bars, metrics files, a user's own dashboard. Called on the
 * run's thread, in order; a listener must be quick and must not throw.
 */
public interface RunListener {

    /**
     * Before the first step.
     *
     * @param start what is about to run
     */
    default void runStarted(RunStart start) {}

    /**
     * After every step.
     *
     * @param step the step's figures (losses only on logging steps)
     */
    default void stepFinished(StepEvent step) {}

    /**
     * After every evaluation on the test split.
     *
     * @param evaluation the accuracy and when it was measured
     */
    default void evaluated(Evaluation evaluation) {}

    /**
     * After every evaluation of a run with {@code train.diagnostics}, right after {@link
     * #evaluated}.
     *
     * @param diagnostics the networks' accuracies and a summary of the steps since the previous
     *     evaluation
     */
    default void diagnosed(Diagnostics diagnostics) {}

    /**
     * Something the user should know that does not stop the run: a damaged checkpoint that was
     * skipped, a step skipped for a non-finite value.
     *
     * @param message one line
     */
    default void notice(String message) {}

    /**
     * After a checkpoint is written.
     *
     * @param file the checkpoint
     * @param globalStep the steps done when it was written
     */
    default void checkpointed(Path file, long globalStep) {}

    /**
     * After the run's folder is complete.
     *
     * @param result the run's result
     */
    default void runFinished(TrainResult result) {}
}
