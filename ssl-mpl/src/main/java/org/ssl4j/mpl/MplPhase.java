package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;

/**
 * The MPL phase with the hard feedback rule, named {@code mpl}: each step the teacher labels the
 * strong view, the student learns from the labels (after its wait), the moving average follows the
 * student, and the teacher learns from its own losses and the student's feedback.
 */
final class MplPhase implements Phase {

    /** Metric name of the fraction of pseudo labels the strategy keeps. */
    static final String MASK_RATE = "maskRate";

    private final long steps;
    private final BatchPlan batches;
    private final MetaTeacher teacher;
    private final MetaStudent student;
    private final long waitSteps;
    private final StudentEma ema;

    /**
     * @param steps the phase's steps
     * @param batches labeled and unlabeled batch sizes, with the strong view
     * @param teacher the teacher
     * @param student the student
     * @param waitSteps steps before the student's first update
     * @param ema the student's moving average, or null
     */
    MplPhase(
            long steps,
            BatchPlan batches,
            MetaTeacher teacher,
            MetaStudent student,
            long waitSteps,
            StudentEma ema) {
        this.steps = steps;
        this.batches = batches;
        this.teacher = teacher;
        this.student = student;
        this.waitSteps = waitSteps;
        this.ema = ema;
    }

    @Override
    public String name() {
        return MplMethod.PHASE;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public BatchPlan batches() {
        return batches;
    }

    /**
     * Teacher labels, student learns (unless waiting), teacher learns.
     *
     * @param context the step
     * @return the teacher's and the student's losses, the feedback and the mask rate; the examples
     *     are the labeled plus the unlabeled ones
     */
    @Override
    public StepResult step(StepContext context) {
        NDArray strong = context.unlabeled().strong();
        PseudoLabels labels = teacher.teach(strong, context);
        StudentFeedback feedback;
        if (context.step() < waitSteps) {
            feedback = new StudentFeedback(Map.of(), null, null);
        } else {
            feedback = student.learn(context.labeled(), strong, labels, context);
            if (ema != null) {
                ema.update();
            }
        }
        teacher.learn(feedback, context);
        Map<String, NDArray> losses = new LinkedHashMap<>(teacher.lastLosses());
        losses.putAll(feedback.losses());
        losses.put(MASK_RATE, labels.mask().mean());
        long examples = context.labeled().inputs().getShape().get(0) + strong.getShape().get(0);
        return new StepResult(losses, examples);
    }
}
