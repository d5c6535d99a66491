package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.nd.Scalars;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;

/**
 * The MPL phase with exact soft feedback, named {@code mpl}, for small problems.
 *
 * <h2>What it computes</h2>
 *
 * The teacher's soft labels on the strong view are {@code q = softmax(T(x_u) / temperature)}. The
 * student takes one step on {@code L_u(theta, q) = -(1/U) sum_ik q_ik log s_ik(theta)}, the mean
 * soft cross-entropy: {@code theta' = theta - eta grad L_u}. The teacher wants a small labeled
 * loss {@code L_l(theta')} after that step, whose derivative with respect to a label is
 *
 * <pre>
 *   dL_l(theta') / dq_ik = grad L_l(theta') . d theta' / dq_ik
 *                        = (eta / U) * grad L_l(theta') . grad_theta log s_ik(theta),
 * </pre>
 *
 * a Jacobian-vector product of the student's log-probabilities at {@code theta} along {@code g =
 * grad L_l(theta')}. A central difference gives it with two forward passes and no second-order
 * autograd: {@code (log s(theta + e g) - log s(theta - e g)) / 2e}, with {@code e} chosen so
 * that {@code |e g| = finiteDifferenceStep}. The teacher then minimises its own losses plus
 * {@code sum_ik q_ik G_ik} with {@code G = dL_l(theta')/dq} held fixed, whose gradient with
 * respect to the teacher is exactly {@code dL_l(theta')/dT} through {@code q}.
 *
 * <p>{@code eta} is read from the update the student's optimizer actually made: {@code eta = -(
 * theta' - theta) . grad L_u / |grad L_u|^2}. For plain SGD (any schedule) this is the learning
 * rate and the gradient is exact up to the finite difference; with momentum, weight decay or Adam
 * it is the step's component along the gradient, an approximation. The finite-difference passes
 * and the labeled loss run in evaluation mode, so backbones with dropout or batch norm get the
 * gradient of a slightly different function than the one trained.
 *
 * <p>Cost per step over the hard rule: copies of the student's parameters and gradients, and
 * three more student forward passes (one with a backward pass).
 */
final class ExactSoftPhase implements Phase {

    /** Metric name of the teacher's feedback term {@code sum q G}. */
    static final String FEEDBACK_TERM = "teacherFeedbackTerm";

    /** Metric name of the effective student learning rate read from its update. */
    static final String STUDENT_STEP = "studentStepSize";

    /**
     * Below this gradient norm (of the labeled loss, or of the student's own loss) the gradient
     * is taken as zero and so is the feedback.
     */
    private static final double MIN_DIRECTION_NORM = 1e-10;

    private final long steps;
    private final BatchPlan batches;
    private final Network teacher;
    private final Network student;
    private final List<AuxiliaryLoss> auxiliaryLosses;
    private final float teacherSmoothing;
    private final float temperature;
    private final double finiteDifferenceStep;
    private final long waitSteps;
    private final StudentEma ema;
    private final Double teacherMaxGradNorm;
    private final Double studentMaxGradNorm;

    /**
     * @param steps the phase's steps
     * @param batches labeled and unlabeled batch sizes, with the strong view
     * @param teacher the teacher network
     * @param student the student network
     * @param auxiliaryLosses the teacher's extra terms, each weighted
     * @param teacherSmoothing label smoothing of the teacher's labeled cross-entropy
     * @param feedback the temperature and finite-difference step
     * @param waitSteps steps before the student's first update
     * @param ema the student's moving average, or null
     * @param teacherMaxGradNorm the teacher's gradient clip, or null
     * @param studentMaxGradNorm the student's gradient clip, or null
     */
    ExactSoftPhase(
            long steps,
            BatchPlan batches,
            Network teacher,
            Network student,
            List<AuxiliaryLoss> auxiliaryLosses,
            float teacherSmoothing,
            FeedbackConfig feedback,
            long waitSteps,
            StudentEma ema,
            Double teacherMaxGradNorm,
            Double studentMaxGradNorm) {
        this.steps = steps;
        this.batches = batches;
        this.teacher = teacher;
        this.student = student;
        this.auxiliaryLosses = List.copyOf(auxiliaryLosses);
        this.teacherSmoothing = teacherSmoothing;
        this.temperature = feedback.temperature().floatValue();
        this.finiteDifferenceStep = feedback.finiteDifferenceStep();
        this.waitSteps = waitSteps;
        this.ema = ema;
        this.teacherMaxGradNorm = teacherMaxGradNorm;
        this.studentMaxGradNorm = studentMaxGradNorm;
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
     * Teacher forward, student step and its lookahead gradient (after the wait), teacher step.
     *
     * @param context the step
     * @return the teacher's and student's losses and the effective student step size
     */
    @Override
    public StepResult step(StepContext context) {
        AuxiliaryInputs logits = TeacherForward.run(teacher, !auxiliaryLosses.isEmpty(), context);
        NDArray labels;
        try (GradientCollector collector = context.newGradientCollector()) {
            labels = Scalars.times(logits.strongLogits(), 1.0 / temperature).softmax(1);
        }
        Map<String, NDArray> losses = new LinkedHashMap<>();
        NDArray labelGradient = null;
        if (context.step() >= waitSteps) {
            labelGradient = studentStep(context, labels.stopGradient(), losses);
            if (ema != null) {
                ema.update();
            }
        }
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray supervised =
                    Losses.crossEntropy(
                                    logits.labeledLogits(), context.labeled().labels(), teacherSmoothing)
                            .mean();
            losses.put(MetaTeacher.SUPERVISED, supervised);
            NDArray total = supervised;
            for (AuxiliaryLoss auxiliary : auxiliaryLosses) {
                NDArray term = auxiliary.compute(logits, context);
                losses.put(auxiliary.name(), term);
                total = total.add(term);
            }
            if (labelGradient != null) {
                NDArray term = labels.mul(labelGradient).sum();
                losses.put(FEEDBACK_TERM, term);
                total = total.add(term);
            }
            losses.put(MetaTeacher.LOSS, total);
            collector.backward(total);
        }
        if (teacherMaxGradNorm != null) {
            NetworkArrays.clipGradientNorm(teacher, teacherMaxGradNorm);
        }
        teacher.update();
        long examples =
                context.labeled().inputs().getShape().get(0)
                        + context.unlabeled().strong().getShape().get(0);
        return new StepResult(losses, examples);
    }

    /**
     * The student's step on the soft labels and the derivative of its post-step labeled loss with
     * respect to those labels.
     *
     * @return {@code dL_l(theta') / dq}, {@code (U, K)}, no gradient, in the step's manager
     */
    NDArray studentStep(StepContext context, NDArray labels, Map<String, NDArray> losses) {
        NDManager manager = context.manager();
        LabeledBatch labeled = context.labeled();
        NDArray strong = context.unlabeled().strong();
        long unlabeled = strong.getShape().get(0);
        List<NDArray> before = NetworkArrays.copyParameters(student, manager);
        losses.put(MetaStudent.LABELED_BEFORE, labeledLoss(labeled).stopGradient());
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray loss = Losses.softCrossEntropy(student.forward(strong, true), labels).mean();
            losses.put(MetaStudent.LOSS, loss);
            collector.backward(loss);
        }
        List<NDArray> unlabeledGradient = NetworkArrays.copyGradients(student, manager);
        if (studentMaxGradNorm != null) {
            NetworkArrays.clipGradientNorm(student, studentMaxGradNorm);
        }
        student.update();
        List<NDArray> after = NetworkArrays.copyParameters(student, manager);
        double stepSize = effectiveStepSize(before, after, unlabeledGradient);
        losses.put(STUDENT_STEP, manager.create((float) stepSize));

        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray labeledAfter = labeledLoss(labeled);
            losses.put(MetaStudent.LABELED_AFTER, labeledAfter.stopGradient());
            collector.backward(labeledAfter);
        }
        List<NDArray> direction = NetworkArrays.copyGradients(student, manager);
        NetworkArrays.zeroGradients(student);
        double norm = Math.sqrt(NetworkArrays.dot(direction, direction));
        if (!(norm > MIN_DIRECTION_NORM) || !Double.isFinite(norm) || stepSize == 0) {
            NetworkArrays.setParameters(student, after);
            return manager.zeros(labels.getShape());
        }
        float epsilon = (float) (finiteDifferenceStep / norm);
        NetworkArrays.setParameters(student, shifted(before, direction, epsilon));
        NDArray plus = student.forward(strong, false).logSoftmax(1);
        NetworkArrays.setParameters(student, shifted(before, direction, -epsilon));
        NDArray minus = student.forward(strong, false).logSoftmax(1);
        NetworkArrays.setParameters(student, after);
        NDArray jacobianVector = plus.sub(minus).div(2 * epsilon);
        return jacobianVector.mul((float) (stepSize / unlabeled)).stopGradient();
    }

    /** {@code -(after - before) . g / |g|^2}: the plain-SGD learning rate the update amounts to. */
    private static double effectiveStepSize(
            List<NDArray> before, List<NDArray> after, List<NDArray> gradient) {
        double squared = NetworkArrays.dot(gradient, gradient);
        if (!(squared > MIN_DIRECTION_NORM * MIN_DIRECTION_NORM)) {
            // a vanishing gradient: float32 dot products lose all precision before it is 0
            return 0;
        }
        List<NDArray> moved = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            moved.add(after.get(i).sub(before.get(i)));
        }
        return -NetworkArrays.dot(moved, gradient) / squared;
    }

    private static List<NDArray> shifted(List<NDArray> base, List<NDArray> direction, float by) {
        List<NDArray> shifted = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            shifted.add(base.get(i).add(direction.get(i).mul(by)));
        }
        return shifted;
    }

    private NDArray labeledLoss(LabeledBatch labeled) {
        NDArray logits = student.forward(labeled.inputs(), false);
        return Losses.crossEntropy(logits, labeled.labels(), 0f).mean();
    }
}
