package org.ssl4j.api.method;

/**
 * A stretch of training with one kind of step: MPL's main phase and its finetune, each Noisy
 * Student round, a supervised warm-up. The runtime runs a method's phases in order.
 */
public interface Phase {

    /**
     * @return a short name, used in progress output and metrics ({@code train}, {@code finetune})
     */
    String name();

    /**
     * @return how many steps the phase runs (0 skips it)
     */
    long steps();

    /**
     * @return the batches each step needs
     */
    BatchPlan batches();

    /**
     * Called once before the first step of the phase, and again in a new process when a run
     * resumes inside the phase ({@link PhaseContext#resumed()}). Keep nothing from {@link
     * PhaseContext#random()} for the steps: a resumed phase would draw it again from the start;
     * steps use {@link StepContext#random()}, which is derived from the seed and the global step.
     *
     * @param context the data and a phase-long manager
     */
    default void begin(PhaseContext context) {}

    /**
     * Runs one step: forward passes, losses, backward, network updates.
     *
     * @param context the step's batches, manager and generator
     * @return the step's loss terms (arrays of the step's manager)
     */
    StepResult step(StepContext context);
}
