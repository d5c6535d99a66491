package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Teacher;

/**
 * The student as its own teacher (self-training, FixMatch): it labels the unlabeled view with
 * its current parameters, in evaluation mode. It has nothing to learn.
 */
public final class SelfTeacher implements Teacher {

    private final Network student;
    private final PseudoLabelStrategy strategy;

    /**
     * @param student the student's network, which also labels
     * @param strategy turns its logits into pseudo labels
     */
    public SelfTeacher(Network student, PseudoLabelStrategy strategy) {
        this.student = student;
        this.strategy = strategy;
    }

    /**
     * Labels a batch with the student in evaluation mode. Call it with no gradient collector
     * open; the strategy stops the logits' gradient.
     *
     * @param inputs the unlabeled view to label, {@code (U, ...exampleShape)}
     * @param context the step
     * @return the pseudo labels, in {@code inputs}' manager
     */
    @Override
    public PseudoLabels teach(NDArray inputs, StepContext context) {
        return strategy.label(student.forward(inputs, false));
    }
}
