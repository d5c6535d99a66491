package org.ssl4j.baselines;

import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Teacher;

/**
 * The student as its own teacher (self-training, FixMatch): it labels the weak view with the
 * student's current parameters, in evaluation mode. It has nothing to learn.
 */
final class SelfTeacher implements Teacher {

    private final Network student;
    private final PseudoLabelStrategy strategy;

    /**
     * @param student the student's network, which also labels
     * @param strategy turns its logits into pseudo labels
     */
    SelfTeacher(Network student, PseudoLabelStrategy strategy) {
        this.student = student;
        this.strategy = strategy;
    }

    @Override
    public PseudoLabels teach(StepContext context) {
        return strategy.label(student.forward(view().of(context.unlabeled()), false));
    }
}
