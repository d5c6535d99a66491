package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.nd.Scalars;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Teacher;

/**
 * The teacher of hard-label Meta Pseudo Labels: a network that labels the strong view and learns
 * from its own losses plus the student's feedback.
 *
 * <h2>The feedback term and its sign</h2>
 *
 * The teacher wants labels {@code y} that make the student's labeled loss {@code L} small after
 * the student's step {@code theta' = theta - eta * grad_theta CE(y, S(x_u; theta))}. A first-order
 * Taylor step of {@code L} around {@code theta} gives
 *
 * <pre>
 *   L(theta') ~ L(theta) - eta * grad L(theta) . grad_theta CE(y, S(x_u; theta))
 * so
 *   h := L(theta) - L(theta') ~ eta * grad L(theta) . grad_theta CE(y, S(x_u; theta)),
 * </pre>
 *
 * the paper's alignment of the two gradients, measured as the drop in the student's labeled
 * loss: {@code h > 0} when learning {@code y} helped. With {@code y} a draw (or the argmax) of
 * the teacher's distribution {@code p_T(y | x_u)}, the score-function (REINFORCE) gradient of the
 * expected post-step loss is {@code E[L(theta') grad_T log p_T(y)]}; subtracting the baseline
 * {@code L(theta)} and using {@code log p_T(y) = -CE(T(x_u), y)} gives a teacher gradient of
 * {@code h * grad_T CE(T(x_u), y)}. The teacher therefore minimises
 *
 * <pre>
 *   CE(T(x_l), y_l) + auxiliary terms + (h - b) * CE(T(x_u strong), y)
 * </pre>
 *
 * where {@code b} is an optional moving-average baseline ({@link FeedbackBaseline}). Descending
 * this makes a label that helped ({@code h > 0}) more likely and one that hurt less likely. Some
 * public reimplementations use {@code L(theta') - L(theta)} here, which reinforces labels that
 * hurt; {@code MetaTeacherTest} pins the convention above.
 *
 * <h2>Call order</h2>
 *
 * {@link #teach} (no collector open) runs the teacher's forward pass, keeps its logits and returns
 * labels for the strong view; the student then learns; {@link #learn} (no collector open)
 * computes the teacher's loss from the kept logits, back-propagates and updates the teacher. The
 * feedback term is used when the feedback carries the student's labeled loss before and after its
 * step, and left out otherwise (while the student waits).
 */
public final class MetaTeacher implements Teacher {

    /** Metric name of the teacher's cross-entropy on labeled data. */
    public static final String SUPERVISED = "teacherSupervised";

    /** Metric name of the teacher's cross-entropy on its own pseudo labels (unweighted). */
    public static final String PSEUDO_LABEL_TERM = "teacherPseudoLabel";

    /** Metric name of the feedback {@code h}, before the baseline. */
    public static final String FEEDBACK = "feedback";

    /** Metric name of the teacher's total loss. */
    public static final String LOSS = "teacherLoss";

    /** The names the teacher reports itself; auxiliary terms may not take them. */
    public static final List<String> LOSS_NAMES = List.of(SUPERVISED, PSEUDO_LABEL_TERM, FEEDBACK, LOSS);

    private final Network network;
    private final Function<StepContext, AuxiliaryInputs> forward;
    private final PseudoLabelStrategy strategy;
    private final List<AuxiliaryLoss> auxiliaryLosses;
    private final float labelSmoothing;
    private final FeedbackBaseline baseline;
    private final Double maxGradNorm;
    private AuxiliaryInputs logits;
    private PseudoLabels labels;
    private Map<String, NDArray> lastLosses = Map.of();

    /**
     * @param network the teacher's trainable network
     * @param forward the teacher's forward pass of a step: logits of the labeled batch, of the
     *     weak view (when auxiliary losses need it) and of the strong view, recording gradients
     *     ({@link TeacherForward} for a teacher over the examples)
     * @param strategy turns strong-view logits into labels
     * @param auxiliaryLosses extra terms on its own logits, each already weighted
     * @param labelSmoothing label smoothing of its labeled cross-entropy, in [0, 1)
     * @param baseline the baseline subtracted from the feedback
     * @param maxGradNorm the gradient-norm clip, or null for none
     */
    MetaTeacher(
            Network network,
            Function<StepContext, AuxiliaryInputs> forward,
            PseudoLabelStrategy strategy,
            List<AuxiliaryLoss> auxiliaryLosses,
            float labelSmoothing,
            FeedbackBaseline baseline,
            Double maxGradNorm) {
        this.network = network;
        this.forward = forward;
        this.strategy = strategy;
        this.auxiliaryLosses = List.copyOf(auxiliaryLosses);
        this.labelSmoothing = labelSmoothing;
        this.baseline = baseline;
        this.maxGradNorm = maxGradNorm;
    }

    /**
     * @return the teacher's network
     */
    public Network network() {
        return network;
    }

    /**
     * Runs the teacher's forward pass over the step's labeled batch and views and labels the
     * strong view.
     *
     * @param strong the step's strong view {@code (U, ...)}
     * @param context the step; no gradient collector may be open
     * @return labels for {@code strong}, carrying no gradient
     */
    @Override
    public PseudoLabels teach(NDArray strong, StepContext context) {
        logits = forward.apply(context);
        labels = strategy.label(logits.strongLogits().stopGradient());
        return labels;
    }

    /**
     * Computes the teacher's loss with the logits kept by {@link #teach}, back-propagates it and
     * updates the teacher.
     *
     * @param feedback the student's report; its labeled losses before and after, when both are
     *     present, give {@code h = before - after}
     * @param context the step; no gradient collector may be open
     * @throws IllegalStateException when {@link #teach} was not called first in this step
     */
    @Override
    public void learn(StudentFeedback feedback, StepContext context) {
        if (logits == null) {
            throw new IllegalStateException("learn() before teach() in this step");
        }
        Map<String, NDArray> losses = new LinkedHashMap<>();
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray supervised =
                    Losses.crossEntropy(
                                    logits.labeledLogits(), context.labeled().labels(), labelSmoothing)
                            .mean();
            losses.put(SUPERVISED, supervised);
            NDArray total = supervised;
            for (AuxiliaryLoss auxiliary : auxiliaryLosses) {
                NDArray term = auxiliary.compute(logits, context);
                losses.put(auxiliary.name(), term);
                total = total.add(term);
            }
            if (feedback.labeledLossBefore() != null && feedback.labeledLossAfter() != null) {
                double h =
                        feedback.labeledLossBefore().getFloat() - feedback.labeledLossAfter().getFloat();
                float weight = (float) baseline.centre(h);
                NDArray pseudoLabelTerm = labels.loss(logits.strongLogits(), 0f);
                losses.put(PSEUDO_LABEL_TERM, pseudoLabelTerm);
                losses.put(FEEDBACK, context.manager().create((float) h));
                total = total.add(Scalars.times(pseudoLabelTerm, weight));
            }
            losses.put(LOSS, total);
            collector.backward(total);
        }
        if (maxGradNorm != null) {
            NetworkArrays.clipGradientNorm(network, maxGradNorm);
        }
        network.update();
        logits = null;
        labels = null;
        lastLosses = losses;
    }

    /**
     * @return the loss terms of the last {@link #learn} call (scalars in that step's manager; read
     *     them before the step ends)
     */
    Map<String, NDArray> lastLosses() {
        return lastLosses;
    }
}
