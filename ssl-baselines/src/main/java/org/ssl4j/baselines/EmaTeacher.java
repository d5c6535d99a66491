package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherContext;
import org.ssl4j.steps.MovingAverage;

/**
 * A teacher that is an exponential moving average of the student (Mean Teacher): a frozen
 * network named {@code teacher}, starting as a copy of the student and moving towards it after
 * each student step ({@code p = decay * p + (1 - decay) * student}). It labels the weak view in
 * evaluation mode.
 */
final class EmaTeacher implements Teacher {

    /** The name of the teacher's network (its parameters are saved under it). */
    static final String NETWORK_NAME = "teacher";

    private final PseudoLabelStrategy strategy;
    private final MovingAverage average;

    /**
     * @param context the student, the strategy and the network factory
     * @param decay the weight of the average's current value, in [0, 1)
     */
    EmaTeacher(TeacherContext context, double decay) {
        this.strategy = context.strategy();
        var student = context.student().network();
        this.average =
                new MovingAverage(
                        context.method().frozen(NETWORK_NAME, student.backbone()), student, decay, false);
    }

    @Override
    public PseudoLabels teach(StepContext context) {
        return strategy.label(average.network().forward(view().of(context.unlabeled()), false));
    }

    /** Moves the average towards the student. */
    @Override
    public Map<String, NDArray> learn(StudentFeedback feedback, StepContext context) {
        average.update();
        return Map.of();
    }
}
