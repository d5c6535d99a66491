package org.ssl4j.api.method;

import java.util.Random;

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
     * Picks the unlabeled examples of the next step, for a phase that samples from a set of its
     * own (Noisy Student draws from its filtered and class-balanced pseudo-labeled set, with
     * repeats) instead of uniformly from the unlabeled split. The runtime calls it before each
     * step of a phase whose {@link #batches()} ask for unlabeled data, then gathers the chosen
     * examples and makes their views as usual; {@link UnlabeledBatch#indices()} are the indices
     * returned here, in order. Added in SPI 1.1.
     *
     * @param count how many indices the step needs ({@code batches().unlabeled()})
     * @param random the step's generator (the one {@link StepContext#random()} then returns)
     * @return {@code count} indices into the unlabeled split, repeats allowed; or null (the
     *     default) to let the runtime sample the split uniformly, each example once per pass
     */
    default long[] unlabeledIndices(int count, Random random) {
        return null;
    }

    /**
     * Writes what the phase keeps across its steps outside any network and cannot derive again
     * in {@link #begin} (the position of its own sampler), for a checkpoint taken between two of
     * its steps. Called between steps; the default writes nothing. A method passes it on from
     * {@link TrainingMethod#saveState}.
     *
     * @param state where to write; keys are private to the phase
     */
    default void saveState(org.ssl4j.api.state.StateWriter state) {}

    /**
     * Gives back what {@link #saveState} wrote, when a run resumes in a new process; it comes
     * before the resumed phase's {@link #begin}, which then applies it. The default reads
     * nothing.
     *
     * @param state what {@link #saveState} wrote
     */
    default void restoreState(org.ssl4j.api.state.StateReader state) {}

    /**
     * Called instead of {@link #begin} when a run resumes after this phase had finished: the
     * runtime calls it, in order, for every phase before the one it resumes, after restoring the
     * networks. A phase whose {@link #result()} the method evaluates or hands on (a finetuned
     * copy, a round's student) makes it available here, without redoing any work. The default
     * does nothing.
     */
    default void passed() {}

    /**
     * The network this phase produces, which the method evaluates from the moment the phase
     * begins (a finetuned copy, a Noisy Student round's student).
     *
     * @return that network once the phase has begun or {@linkplain #passed() been passed}, or
     *     null (the default, and before then) when the phase trains the network that was
     *     evaluated before it
     */
    default org.ssl4j.api.model.Network result() {
        return null;
    }

    /**
     * Runs one step: forward passes, losses, backward, network updates.
     *
     * @param context the step's batches, manager and generator
     * @return the step's loss terms (arrays of the step's manager)
     */
    StepResult step(StepContext context);
}
