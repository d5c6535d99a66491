package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherContext;

/**
 * A teacher that is an exponential moving average of the student: a frozen network named {@code
 * teacher}, starting as a copy of the student and moving towards it after each student step
 * ({@code p = decay * p + (1 - decay) * student}).
 */
public final class EmaTeacher implements Teacher {

    /** The name of the teacher's network (its parameters are saved under it). */
    public static final String NETWORK_NAME = "teacher";

    private final Network student;
    private final PseudoLabelStrategy strategy;
    private final Network average;
    private final float decay;

    /**
     * Creates the average's network with the student's backbone and copies the student into it.
     *
     * @param context the student, the strategy and the network factory
     * @param decay the weight of the average's current value, in [0, 1)
     */
    public EmaTeacher(TeacherContext context, float decay) {
        this.student = context.student();
        this.strategy = context.strategy();
        this.average = context.method().frozen(NETWORK_NAME, student.backbone());
        this.average.copyFrom(student);
        this.decay = decay;
    }

    /**
     * Labels a batch with the average in evaluation mode. The average records no gradient.
     *
     * @param inputs the unlabeled view to label, {@code (U, ...exampleShape)}
     * @param context the step
     * @return the pseudo labels, in {@code inputs}' manager
     */
    @Override
    public PseudoLabels teach(NDArray inputs, StepContext context) {
        return strategy.label(average.forward(inputs, false));
    }

    /**
     * Moves the average towards the student; called after the student's update, with no
     * gradient collector open.
     *
     * @param feedback not used
     * @param context the step
     */
    @Override
    public void learn(StudentFeedback feedback, StepContext context) {
        average.averageFrom(student, decay);
    }
}
