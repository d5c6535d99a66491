package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.nd.Scalars;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.steps.BasicPhase;
import org.ssl4j.steps.CrossEntropyStudent;

/**
 * The teach-and-learn step of MPL with exact soft feedback ({@link SoftExactConfig}), for small
 * problems.
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
final class SoftExactPhase extends BasicPhase {

    /** Metric name of the teacher's feedback term {@code sum q G}. */
    static final String FEEDBACK_TERM = "teacherFeedbackTerm";

    /** Metric name of the effective student learning rate read from its update. */
    static final String STUDENT_STEP = "studentStepSize";

    /** The metrics the phase adds to the roles'. */
    static final List<String> METRICS = List.of(FEEDBACK_TERM, STUDENT_STEP);

    /**
     * Below this gradient norm (of the labeled loss, or of the student's own loss) the gradient
     * is taken as zero and so is the feedback.
     */
    private static final double MIN_DIRECTION_NORM = 1e-10;

    private final Phase plan;
    private final MetaTeacher teacher;
    private final CrossEntropyStudent student;
    private final float temperature;
    private final double finiteDifferenceStep;

    /**
     * @param plan the {@code teach-and-learn} phase it stands in for: its name, steps and batches,
     *     what it does when it begins and its result
     * @param teacher the teacher
     * @param student the student
     * @param temperature of the soft labels
     * @param finiteDifferenceStep of the central difference
     */
    SoftExactPhase(
            Phase plan,
            MetaTeacher teacher,
            CrossEntropyStudent student,
            float temperature,
            double finiteDifferenceStep) {
        super(plan.name(), plan.steps(), plan.batches());
        this.plan = plan;
        this.teacher = teacher;
        this.student = student;
        this.temperature = temperature;
        this.finiteDifferenceStep = finiteDifferenceStep;
    }

    @Override
    public void begin(PhaseContext context) {
        plan.begin(context);
    }

    @Override
    public Network result() {
        return plan.result();
    }

    /**
     * Teacher forward and soft labels, the student's step (after its wait) and the derivative of
     * its post-step labeled loss with respect to the labels, the teacher's step.
     *
     * @param context the step
     * @return the teacher's and the student's loss terms and the effective student step size
     */
    @Override
    public StepResult step(StepContext context) {
        AuxiliaryInputs logits = teacher.forward(context);
        NDArray labels;
        try (GradientCollector collector = context.newGradientCollector()) {
            labels = Scalars.times(logits.strongLogits(), 1.0 / temperature).softmax(1);
        }
        NDArray fixed = labels.stopGradient();
        NDManager manager = context.manager();
        NDArray kept = manager.ones(fixed.getShape().slice(0, 1));
        context.pseudoLabeled(fixed, kept);
        Network network = student.network();
        List<NDArray> before = network.parameters(manager);
        List<List<NDArray>> gradient = new ArrayList<>();
        StudentFeedback feedback =
                student.learn(
                        new PseudoLabels(
                                PseudoLabels.Kind.SOFT,
                                fixed,
                                kept,
                                fixed.max(new int[] {1})),
                        context,
                        () -> gradient.add(network.gradients(manager)));
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        NDArray labelGradient =
                gradient.isEmpty() ? null : labelGradient(context, before, gradient.get(0), fixed.getShape(), metrics);
        Map<String, NDArray> losses =
                new LinkedHashMap<>(
                        teacher.learn(
                                context,
                                labelGradient == null
                                        ? null
                                        : (strongLogits, terms) -> {
                                            NDArray term = labels.mul(labelGradient).sum();
                                            terms.put(FEEDBACK_TERM, term);
                                            return term;
                                        }));
        losses.putAll(feedback.losses());
        losses.putAll(metrics);
        long examples = context.labeled().inputs().getShape().get(0) + fixed.getShape().get(0);
        return new StepResult(losses, examples);
    }

    /**
     * The derivative of the student's post-step labeled loss with respect to the soft labels,
     * once the student has stepped from {@code before} along {@code unlabeledGradient}.
     *
     * @return {@code dL_l(theta') / dq} of the labels' {@code shape}, {@code (U, K)}, no gradient,
     *     in the step's manager; zeros when a gradient vanishes
     */
    private NDArray labelGradient(
            StepContext context,
            List<NDArray> before,
            List<NDArray> unlabeledGradient,
            Shape shape,
            Map<String, NDArray> metrics) {
        NDManager manager = context.manager();
        Network network = student.network();
        NDArray strong = context.unlabeled().strong();
        List<NDArray> after = network.parameters(manager);
        double stepSize = effectiveStepSize(before, after, unlabeledGradient);
        metrics.put(STUDENT_STEP, manager.create((float) stepSize));
        LabeledBatch labeled = context.labeled();
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray logits = network.forward(labeled.inputs(), false);
            collector.backward(Losses.crossEntropy(logits, labeled.labels(), 0f).mean());
        }
        List<NDArray> direction = network.gradients(manager);
        network.zeroGradients();
        double norm = Math.sqrt(dot(direction, direction));
        if (!(norm > MIN_DIRECTION_NORM) || !Double.isFinite(norm) || stepSize == 0) {
            return manager.zeros(shape);
        }
        float epsilon = (float) (finiteDifferenceStep / norm);
        network.setParameters(shifted(before, direction, epsilon));
        NDArray plus = network.forward(strong, false).logSoftmax(1);
        network.setParameters(shifted(before, direction, -epsilon));
        NDArray minus = network.forward(strong, false).logSoftmax(1);
        network.setParameters(after);
        NDArray jacobianVector = plus.sub(minus).div(2 * epsilon);
        return jacobianVector.mul((float) (stepSize / strong.getShape().get(0))).stopGradient();
    }

    /** {@code -(after - before) . g / |g|^2}: the plain-SGD learning rate the update amounts to. */
    private static double effectiveStepSize(List<NDArray> before, List<NDArray> after, List<NDArray> gradient) {
        double squared = dot(gradient, gradient);
        if (!(squared > MIN_DIRECTION_NORM * MIN_DIRECTION_NORM)) {
            // a vanishing gradient: float32 dot products lose all precision before it is 0
            return 0;
        }
        List<NDArray> moved = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            moved.add(after.get(i).sub(before.get(i)));
        }
        return -dot(moved, gradient) / squared;
    }

    private static List<NDArray> shifted(List<NDArray> base, List<NDArray> direction, float by) {
        List<NDArray> shifted = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            shifted.add(base.get(i).add(direction.get(i).mul(by)));
        }
        return shifted;
    }

    /** {@code sum_i <a_i, b_i>}, accumulated in double. */
    private static double dot(List<NDArray> a, List<NDArray> b) {
        double total = 0;
        for (int i = 0; i < a.size(); i++) {
            try (NDArray product = a.get(i).mul(b.get(i));
                    NDArray sum = product.sum()) {
                total += sum.getFloat();
            }
        }
        return total;
    }
}
