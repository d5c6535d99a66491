package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Teacher;

/**
 * The step of every teacher-student method: the teacher labels the step's unlabeled examples
 * (no gradient collector open), the student learns from them and the labeled batch, the teacher
 * learns from what the student reports. Without a teacher the student learns alone. When the
 * phase begins, a {@link Pretrainable} teacher ends its pretraining and then the student's
 * networks are created, if they were not yet; from then on the phase's result is the student's
 * evaluated network.
 */
final class TeachAndLearnPhase extends BasicPhase {

    /** Metric name of the fraction of pseudo labels the strategy keeps. */
    static final String MASK_RATE = "maskRate";

    private final Teacher teacher;
    private final Student student;
    private boolean begun;

    TeachAndLearnPhase(String name, long steps, BatchPlan batches, Teacher teacher, Student student) {
        super(name, steps, batches);
        this.teacher = teacher;
        this.student = student;
    }

    /** Ends the teacher's pretraining, then creates the student if it was not yet. */
    @Override
    public void begin(PhaseContext context) {
        if (teacher instanceof Pretrainable pretrained) {
            pretrained.endPretraining(context);
        }
        student.network();
        begun = true;
    }

    /**
     * A resumed run went past this phase: the student's networks exist (a deferred student's are
     * made now, and restored by the runtime as networks made after the restore) and are the
     * result.
     */
    @Override
    public void passed() {
        student.network();
        begun = true;
    }

    /**
     * @return the student's evaluated network once the phase has begun or been passed, else null
     */
    @Override
    public Network result() {
        return begun ? student.evaluated() : null;
    }

    /**
     * @param context the step
     * @return the teacher's and the student's loss terms and the mask rate; the examples are the
     *     labeled plus the unlabeled ones drawn
     * @throws IllegalStateException when the teacher and the student report a term under one name
     */
    @Override
    public StepResult step(StepContext context) {
        long examples = context.labeled().inputs().getShape().get(0);
        if (batches().unlabeled() > 0) {
            examples += context.unlabeled().weak().getShape().get(0);
        }
        if (teacher == null) {
            return new StepResult(student.learn(null, context).losses(), examples);
        }
        PseudoLabels labels = teacher.teach(context);
        context.pseudoLabeled(labels.targets(), labels.mask());
        StudentFeedback feedback = student.learn(labels, context);
        Map<String, NDArray> losses = new LinkedHashMap<>(teacher.learn(feedback, context));
        for (Map.Entry<String, NDArray> term : feedback.losses().entrySet()) {
            if (losses.putIfAbsent(term.getKey(), term.getValue()) != null) {
                throw new IllegalStateException(
                        "the teacher and the student both report a loss term '"
                                + term.getKey()
                                + "'; rename one of their auxiliary losses");
            }
        }
        losses.put(MASK_RATE, labels.mask().mean());
        return new StepResult(losses, examples);
    }
}
