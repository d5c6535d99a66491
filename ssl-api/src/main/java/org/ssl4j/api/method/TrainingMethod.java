package org.ssl4j.api.method;

import java.util.List;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * A training recipe: the phases it runs and the network whose accuracy it reports. A method
 * calls the roles ({@link org.ssl4j.api.role.Teacher}, {@link org.ssl4j.api.role.Student},
 * {@link org.ssl4j.api.role.PseudoLabelStrategy}, {@link org.ssl4j.api.role.AuxiliaryLoss}) in
 * its steps; the runtime samples batches, scopes memory, evaluates, logs and saves.
 *
 * <h2>How the known methods fit, without changing this SPI</h2>
 *
 * <ul>
 *   <li><b>Supervised</b>: one phase, {@link BatchPlan#labeledOnly}; a step is forward,
 *       cross-entropy, backward, {@link Network#update()}.
 *   <li><b>Pseudo-label self-training</b>: one phase with unlabeled data; a teacher ({@code
 *       self}, {@code ema} or {@code frozen} copy of the student, picked by config) labels the
 *       weak view through a strategy ({@code hard} with a threshold, or {@code soft}); the
 *       student learns from labeled cross-entropy plus the masked pseudo-label loss.
 *   <li><b>FixMatch</b>: the same method by config: teacher {@code self}, strategy {@code hard}
 *       with threshold 0.95, the student learning on the strong view ({@link BatchPlan#strongView}).
 *   <li><b>UDA</b>: the supervised method plus an {@link org.ssl4j.api.role.AuxiliaryLoss} named
 *       {@code uda} in the config, which gets the logits of the weak and strong views in its
 *       {@link org.ssl4j.api.role.AuxiliaryInputs}; TSA is a setting of the supervised loss.
 *   <li><b>Meta Pseudo Labels</b>: two trainable networks; a teacher implementing {@link
 *       org.ssl4j.api.role.Teacher#learn} with the student's {@link
 *       org.ssl4j.api.role.StudentFeedback} (labeled loss before and after its step); the
 *       teacher's auxiliary losses (UDA) come from config; a second phase {@code finetune}
 *       trains the student on labeled data only.
 *   <li><b>Noisy Student</b>: one phase per round; each round's {@link Phase#begin} labels the
 *       whole unlabeled pool with the previous round's network (clean inputs, evaluation mode),
 *       filters and balances it and writes it to {@link PhaseContext#runFolder()}; its steps
 *       train a new student under noise on the examples it picks from that set ({@link
 *       Phase#unlabeledIndices}, SPI 1.1); {@link #evaluated()} follows the latest student.
 * </ul>
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
