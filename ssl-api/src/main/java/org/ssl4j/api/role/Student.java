package org.ssl4j.api.role;

import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.api.model.Network;

/**
 * The role that learns from labeled data and from a teacher's pseudo labels, and whose network
 * (or its moving average) a method usually reports. Picked by config ({@code student.type}).
 */
public interface Student {

    /**
     * @return the network the student trains
     */
    Network network();

    /**
     * @return the network to evaluate for this student: {@link #network()}, or a moving average
     *     of it that the student keeps
     */
    default Network evaluated() {
        return network();
    }

    /**
     * @return the unlabeled view the student learns the pseudo labels on; the method asks the
     *     runtime for it
     */
    View view();

    /**
     * @return whether a step also needs the strong view (its view, or one of its auxiliary
     *     losses)
     */
    boolean needsStrongView();

    /**
     * @return whether a step without a teacher still needs the unlabeled batch (auxiliary
     *     losses on it); the default is false
     */
    default boolean usesUnlabeled() {
        return false;
    }

    /**
     * @return whether {@link #learn} reports the student's labeled loss before and after its
     *     update ({@link StudentFeedback#labeledLossBefore()}), which a teacher that learns from
     *     the student's progress needs
     */
    default boolean measuresFeedback() {
        return false;
    }

    /**
     * One learning step: forward, loss, backward, clipping and {@link Network#update()}. It reads
     * the labeled batch and its view of the unlabeled batch from {@code context}. Opens and
     * closes its own gradient collector, so none may be open when it is called.
     *
     * @param labels the teacher's labels for the step's unlabeled examples, or null for a step
     *     without a teacher (the student then learns from labeled data and its auxiliary losses)
     * @param context the step
     * @return the losses it optimised and, when it {@linkplain #measuresFeedback measures} them,
     *     its labeled loss before and after the update; {@link StudentFeedback#NONE} when it did
     *     not learn this step (it may wait for a number of steps)
     */
    StudentFeedback learn(PseudoLabels labels, StepContext context);

    /**
     * Writes what the student keeps outside its networks and its next steps depend on (a moving
     * baseline), for a checkpoint; networks made through the method's context are saved by the
     * runtime. Called between steps. The default writes nothing.
     *
     * @param state where to write; keys are private to the student
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
