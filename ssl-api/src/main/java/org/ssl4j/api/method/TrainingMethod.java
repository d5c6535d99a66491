package org.ssl4j.api.method;

import java.util.List;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * A training recipe: the phases it runs and the network whose accuracy it reports. The runtime
 * samples batches, scopes memory, evaluates, logs and saves; the method's phases call the roles.
 *
 * <h2>Composition</h2>
 *
 * The built-in methods are one composition, {@code teacher-student} (in the support module
 * {@code ssl-steps}): a {@link org.ssl4j.api.role.Teacher}, a {@link
 * org.ssl4j.api.role.Student}, a {@link org.ssl4j.api.role.PseudoLabelStrategy} and {@link
 * org.ssl4j.api.role.AuxiliaryLoss}es, each picked by config, and a list of phases ({@link
 * org.ssl4j.api.composition.PhaseConfig}) over them. The names users type ({@code supervised}, {@code pseudo-label},
 * {@code mpl}, {@code noisy-student}, ...) are presets whose {@link MethodConfig#expand()}
 * returns the composition they stand for. A plugin may still implement this interface directly
 * for a recipe that is not a teacher and a student.
 */
public interface TrainingMethod {

    /**
     * @return the phases, in the order they run; the list is read once, before training
     */
    List<Phase> phases();

    /**
     * The network whose test accuracy the run reports and saves as its model. The runtime asks
     * again at each evaluation, so it may change between phases.
     *
     * @return the network to evaluate (e.g. the student, or its moving average)
     */
    Network evaluated();

    /**
     * Writes the method's own state into a checkpoint: what lives outside its networks and that
     * its next steps depend on (a moving-average baseline, a round counter, a generator it keeps).
     * The runtime saves everything else itself: every network made through {@link MethodContext}
     * (parameters, batch-norm statistics, optimizer state, update counts), the global step and
     * phase, the data order and the generators it hands out. Called between steps, with no
     * gradient collector open. The default writes nothing.
     *
     * @param state where to write; keys are private to the method
     */
    default void saveState(StateWriter state) {}

    /**
     * Restores what {@link #saveState} wrote, when a run resumes from a checkpoint in a new
     * process: after the method was created and its networks were restored, before {@link
     * Phase#begin} of the phase that resumes (whose {@link PhaseContext#resumed()} is then true).
     * The default reads nothing.
     *
     * @param state what {@link #saveState} wrote
     */
    default void restoreState(StateReader state) {}
}
