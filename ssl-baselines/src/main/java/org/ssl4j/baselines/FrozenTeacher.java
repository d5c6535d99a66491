package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherContext;

/**
 * A teacher that is a frozen copy of the student, a network named {@code teacher}: copied at
 * creation and again after the student's step of every {@code refreshEvery}-th step (steps
 * {@code refreshEvery - 1}, {@code 2 * refreshEvery - 1}, ... of the phase).
 */
final class FrozenTeacher implements Teacher {

    /** The name of the teacher's network (its parameters are saved under it). */
    static final String NETWORK_NAME = "teacher";

    private final Network student;
    private final PseudoLabelStrategy strategy;
    private final Network copy;
    private final long refreshEvery;

    /**
     * Creates the copy's network with the student's backbone and copies the student into it.
     *
     * @param context the student, the strategy and the network factory
     * @param refreshEvery steps between refreshes, {@code > 0}
     */
    FrozenTeacher(TeacherContext context, long refreshEvery) {
        this.student = context.student().network();
        this.strategy = context.strategy();
        this.copy = context.method().frozen(NETWORK_NAME, student.backbone());
        this.copy.copyFrom(student);
        this.refreshEvery = refreshEvery;
    }

    @Override
    public PseudoLabels teach(StepContext context) {
        return strategy.label(copy.forward(view().of(context.unlabeled()), false));
    }

    /**
     * Copies the student into the teacher when {@code (step + 1) % refreshEvery == 0}; called
     * after the student's update, with no gradient collector open.
     *
     * @param feedback not used
     * @param context the step, whose index decides the refresh
     */
    @Override
    public Map<String, NDArray> learn(StudentFeedback feedback, StepContext context) {
        if ((context.step() + 1) % refreshEvery == 0) {
            copy.copyFrom(student);
        }
        return Map.of();
    }
}
