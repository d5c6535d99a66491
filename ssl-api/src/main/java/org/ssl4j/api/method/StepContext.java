package org.ssl4j.api.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.ssl4j.api.Experimental;

/**
 * What a phase gets in each step. Valid only during {@link Phase#step}.
 *
 * <p>Memory: the runtime opens a fresh {@link #manager()} for each step and closes it when the
 * step returns, with every array created in it: the batches, the forward passes, the losses.
 * Parameters and optimizer state live in long-lived managers and are not affected.
 */
public interface StepContext {

    /**
     * @return the phase's name
     */
    String phase();

    /**
     * @return the step's index within its phase, from 0
     */
    long step();

    /**
     * @return the number of steps of the phase
     */
    long steps();

    /**
     * @return the step's manager, closed by the runtime when the step ends
     */
    NDManager manager();

    /**
     * @return the labeled batch
     */
    LabeledBatch labeled();

    /**
     * @return the unlabeled batch
     * @throws IllegalStateException when the phase's plan asked for no unlabeled data
     */
    UnlabeledBatch unlabeled();

    /**
     * @return a generator seeded from the run's seed and the step, for decisions made in Java
     */
    Random random();

    /**
     * Opens a gradient collector. Only one may be open at a time in the whole JVM (a DJL
     * PyTorch-engine rule), so close it (try-with-resources) before opening the next; a method
     * with two networks either shares one or takes turns. Gradients of parameters accumulate
     * until {@link org.ssl4j.api.model.Network#update()}.
     *
     * @return an open collector
     */
    GradientCollector newGradientCollector();

    /**
     * Hands the runtime the pseudo labels this step gave its unlabeled examples, one per example
     * of {@link #unlabeled()} in its order, for diagnostics only: with {@code train.diagnostics}
     * on, the runtime scores them against the unlabeled pool's true labels, which methods never
     * see, and reports their accuracy at each evaluation (all of them, and those the mask keeps).
     * A method calls it at most once per step, after labeling; a later call replaces the labels.
     * The default ignores them.
     *
     * <p>Added in SPI 2.1.
     *
     * @param targets {@code (U)} class ids, or {@code (U, K)} distributions (scored by their
     *     argmax), in the step's manager
     * @param mask {@code (U)} 1 for a label the method keeps, 0 for one it masks
     */
    @Experimental
    default void pseudoLabeled(NDArray targets, NDArray mask) {}

    /**
     * Whether this run records diagnostics ({@code train.diagnostics}): when it does not, nothing
     * reads the terms a method reports for diagnostics only (gradient norms, say), so a method
     * may skip the work that computes them. What a method computes for its training must not
     * depend on it: a run's other results are the same either way. The runtime answers the same
     * for every step of a run. The default says no.
     *
     * <p>Added in SPI 2.1.
     *
     * @return true when the run records diagnostics
     */
    @Experimental
    default boolean recordsDiagnostics() {
        return false;
    }
}
