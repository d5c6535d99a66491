package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ssl4j.api.method.PhaseContext;
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
import org.ssl4j.api.role.View;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.steps.Pretrainable;
import org.ssl4j.steps.Updates;

/**
 * The {@code meta} teacher of Meta Pseudo Labels ({@link MetaTeacherConfig}): a network that
 * labels the strong view and learns from its own losses plus the student's feedback.
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
 * where {@code b} is an optional moving-average baseline of {@code h}: each step uses the {@code
 * b} of the steps before, then moves it, {@code b <- b + r (h - b)} ({@code feedback.baselineRate}
 * {@code r}; 0 keeps {@code b = 0}). Descending this makes a label that helped ({@code h > 0})
 * more likely and one that hurt less likely. Some public reimplementations use {@code L(theta') -
 * L(theta)} here, which reinforces labels that hurt; {@code MetaTeacherTest} pins the convention
 * above.
 *
 * <h2>Call order</h2>
 *
 * {@link #teach} (no collector open) runs the teacher's forward pass, keeps its logits and returns
 * labels for the strong view; the student then learns; {@link #learn} (no collector open)
 * computes the teacher's loss from the kept logits, back-propagates, clips and updates. The
 * feedback term is used when the student reports its labeled loss before and after its step, and
 * left out otherwise (while the student waits). Metrics: {@code teacherSupervised}, the auxiliary
 * terms, {@code teacherUnlabeled} (the cross-entropy on its own labels, unweighted), {@code
 * feedback} ({@code h}, before the baseline) and {@code teacherLoss}; for diagnostics, {@link
 * #FEEDBACK_GRADIENT_NORM} and, per auxiliary term, its gradient norm and mask rate at the
 * strong-view logits.
 */
public final class MetaTeacher implements Teacher, Pretrainable {

    /** Metric name of the teacher's cross-entropy on labeled data. */
    public static final String SUPERVISED = "teacherSupervised";

    /** Metric name of the teacher's cross-entropy on its own pseudo labels (unweighted). */
    public static final String UNLABELED = "teacherUnlabeled";

    /** Metric name of the feedback {@code h}, before the baseline. */
    public static final String FEEDBACK = "feedback";

    /** Metric name of the teacher's total loss. */
    public static final String LOSS = "teacherLoss";

    /**
     * Metric name of the norm of the feedback term's gradient at the teacher's strong-view logits;
     * each auxiliary term's is its name followed by {@code GradientNorm} (e.g. {@code
     * udaGradientNorm}), and the fraction of strong-view examples that term's gradient reaches
     * its name followed by {@code MaskRate} (UDA's confidence mask).
     */
    public static final String FEEDBACK_GRADIENT_NORM = "feedbackGradientNorm";

    /** The names the teacher reports itself; auxiliary terms may not take them. */
    public static final List<String> LOSS_NAMES =
            List.of(SUPERVISED, UNLABELED, FEEDBACK, LOSS, FEEDBACK_GRADIENT_NORM);

    private final Network network;
    private final Function<StepContext, AuxiliaryInputs> forward;
    private final PseudoLabelStrategy strategy;
    private final List<AuxiliaryLoss> auxiliaryLosses;
    private final float labelSmoothing;
    private final double baselineRate;
    private final Double maxGradNorm;
    private final LargeTeacher large;
    private double baseline;
    private AuxiliaryInputs logits;
    private PseudoLabels labels;
    private PseudoLabels weighted;
    private float feedbackWeight;

    /**
     * @param network the teacher's trainable network
     * @param forward its forward pass of a step: logits of the labeled batch, of the weak view
     *     (when auxiliary losses need it) and of the strong view, recording gradients
     * @param strategy turns strong-view logits into labels
     * @param auxiliaryLosses extra terms on its own logits, each already weighted
     * @param labelSmoothing label smoothing of its labeled cross-entropy, in [0, 1)
     * @param baselineRate the rate of the feedback baseline, in [0, 1]
     * @param maxGradNorm the gradient-norm clip, or null for none
     * @param large the large teacher whose stored predictions {@code forward} reads (Reduced
     *     MPL), or null
     */
    MetaTeacher(
            Network network,
            Function<StepContext, AuxiliaryInputs> forward,
            PseudoLabelStrategy strategy,
            List<AuxiliaryLoss> auxiliaryLosses,
            float labelSmoothing,
            double baselineRate,
            Double maxGradNorm,
            LargeTeacher large) {
        this.network = network;
        this.forward = forward;
        this.strategy = strategy;
        this.auxiliaryLosses = List.copyOf(auxiliaryLosses);
        this.labelSmoothing = labelSmoothing;
        this.baselineRate = baselineRate;
        this.maxGradNorm = maxGradNorm;
        this.large = large;
    }

    /**
     * @return the teacher's network
     */
    public Network network() {
        return network;
    }

    /** What learns alone: Reduced MPL's large teacher, else this teacher. */
    private MetaTeacher alone() {
        return large == null ? this : large.trainer();
    }

    /** Its network, or Reduced MPL's large network until it is freed. */
    @Override
    public Network pretrained() {
        return large == null ? network : large.network();
    }

    /** Reduced MPL's {@code largeTeacherSteps}, else none of its own. */
    @Override
    public OptionalLong pretrainSteps() {
        return large == null ? OptionalLong.empty() : OptionalLong.of(large.steps());
    }

    @Override
    public boolean pretrainsOnUnlabeled() {
        return !alone().auxiliaryLosses.isEmpty();
    }

    /**
     * A step without a student: the supervised step on the labeled batch alone, or, with
     * auxiliary losses, a teach-and-learn step that gets no feedback; of Reduced MPL's large
     * network when there is one.
     */
    @Override
    public Map<String, NDArray> pretrain(StepContext context) {
        MetaTeacher learner = alone();
        if (!learner.auxiliaryLosses.isEmpty()) {
            learner.teach(context);
            return learner.learn(StudentFeedback.NONE, context);
        }
        return learner.supervised(context);
    }

    /** Reduced MPL: stores the large network's predictions and frees it (once). */
    @Override
    public void endPretraining(PhaseContext context) {
        if (large != null) {
            large.handOver(context);
        }
    }

    private Map<String, NDArray> supervised(StepContext context) {
        NDArray loss = Updates.supervised(network, context.labeled(), labelSmoothing, maxGradNorm, context);
        Map<String, NDArray> losses = new LinkedHashMap<>();
        losses.put(SUPERVISED, loss);
        losses.put(LOSS, loss);
        return losses;
    }

    /** Labels the strong view. */
    @Override
    public View view() {
        return View.STRONG;
    }

    /** Learns from the student's labeled loss before and after its update. */
    @Override
    public boolean needsFeedback() {
        return true;
    }

    /**
     * Runs the teacher's forward pass over the step's labeled batch and views and labels the
     * strong view.
     *
     * @param context the step; no gradient collector may be open
     * @return labels for the strong view, carrying no gradient
     */
    @Override
    public PseudoLabels teach(StepContext context) {
        labels = strategy.label(forward(context).strongLogits().stopGradient());
        return labels;
    }

    /**
     * Computes the teacher's loss with the logits kept by {@link #teach}, back-propagates it,
     * clips and updates the teacher.
     *
     * @param feedback the student's report; its labeled losses before and after, when present,
     *     give {@code h = before - after}
     * @param context the step; no gradient collector may be open
     * @return the teacher's loss terms
     * @throws IllegalStateException when {@link #teach} was not called first in this step
     */
    @Override
    public Map<String, NDArray> learn(StudentFeedback feedback, StepContext context) {
        if (labels == null) {
            throw new IllegalStateException("learn() before teach() in this step");
        }
        PseudoLabels taught = labels;
        return learn(
                context,
                !feedback.hasLabeledLoss()
                        ? null
                        : (strongLogits, losses) -> {
                            double h =
                                    feedback.labeledLossBefore().getFloat()
                                            - feedback.labeledLossAfter().getFloat();
                            float weight = (float) (h - baseline);
                            baseline += baselineRate * (h - baseline);
                            weighted = taught;
                            feedbackWeight = weight;
                            NDArray unlabeled = taught.loss(strongLogits, 0f);
                            losses.put(UNLABELED, unlabeled);
                            losses.put(FEEDBACK, context.manager().create((float) h));
                            return Scalars.times(unlabeled, weight);
                        });
    }

    /**
     * Runs the teacher's forward pass and keeps the logits for {@link #learn(StepContext,
     * BiFunction)}, for a phase that makes its own labels from them (exact soft feedback).
     *
     * @param context the step; no gradient collector may be open
     * @return the logits, recording gradients
     */
    AuxiliaryInputs forward(StepContext context) {
        logits = forward.apply(context);
        return logits;
    }

    /**
     * The teacher's step: labeled cross-entropy, auxiliary terms and a feedback term on the
     * logits kept by {@link #forward}, in one gradient collector; then clipping and update.
     *
     * @param context the step; no gradient collector may be open
     * @param feedbackTerm given the strong-view logits and the loss map (to add its metrics),
     *     the term to add; null for none
     * @return the loss terms
     */
    Map<String, NDArray> learn(
            StepContext context, BiFunction<NDArray, Map<String, NDArray>, NDArray> feedbackTerm) {
        if (logits == null) {
            throw new IllegalStateException("learn() before the teacher's forward pass in this step");
        }
        Map<String, NDArray> losses = new LinkedHashMap<>();
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray total =
                    Losses.crossEntropy(logits.labeledLogits(), context.labeled().labels(), labelSmoothing)
                            .mean();
            losses.put(SUPERVISED, total);
            for (AuxiliaryLoss auxiliary : auxiliaryLosses) {
                NDArray term = auxiliary.compute(logits, context);
                losses.put(auxiliary.name(), term);
                total = total.add(term);
            }
            if (feedbackTerm != null) {
                total = total.add(feedbackTerm.apply(logits.strongLogits(), losses));
            }
            losses.put(LOSS, total);
            collector.backward(total);
        }
        logitGradients(context, losses);
        Updates.apply(network, maxGradNorm);
        logits = null;
        labels = null;
        weighted = null;
        return losses;
    }

    /**
     * How hard each term pushes the teacher, for diagnostics: the norm of the gradient of the
     * feedback term and of each auxiliary term at the strong-view logits, where all of them
     * enter the teacher (the rest of the backward pass, from the logits to the weights, is the
     * same for every term), and the fraction of examples each auxiliary term's gradient reaches.
     * One small backward pass over the loss heads alone, on detached copies of the logits; the
     * network's gradients are not touched.
     */
    private void logitGradients(StepContext context, Map<String, NDArray> losses) {
        if (auxiliaryLosses.isEmpty() && weighted == null || logits.strongLogits() == null) {
            return;
        }
        NDArray strong = logits.strongLogits().stopGradient();
        NDArray weak = logits.weakLogits() == null ? null : logits.weakLogits().stopGradient();
        NDArray labeled = logits.labeledLogits().stopGradient();
        Map<String, NDArray> leaves = new LinkedHashMap<>();
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray total = null;
            for (AuxiliaryLoss auxiliary : auxiliaryLosses) {
                NDArray leaf = leaf(strong);
                leaves.put(auxiliary.name(), leaf);
                NDArray term = auxiliary.compute(new AuxiliaryInputs(logits.labeled(), labeled, weak, leaf), context);
                total = total == null ? term : total.add(term);
            }
            if (weighted != null) {
                NDArray leaf = leaf(strong);
                leaves.put(null, leaf);
                NDArray term = Scalars.times(weighted.loss(leaf, 0f), feedbackWeight);
                total = total == null ? term : total.add(term);
            }
            collector.backward(total);
        }
        for (Map.Entry<String, NDArray> leaf : leaves.entrySet()) {
            NDArray gradient = leaf.getValue().getGradient();
            NDArray norm = gradient.square().sum().sqrt();
            if (leaf.getKey() == null) {
                losses.put(FEEDBACK_GRADIENT_NORM, norm);
            } else {
                losses.put(leaf.getKey() + "GradientNorm", norm);
                losses.put(
                        leaf.getKey() + "MaskRate",
                        gradient.abs().sum(new int[] {1}).gt(0).toType(DataType.FLOAT32, false).mean());
            }
        }
    }

    private static NDArray leaf(NDArray values) {
        NDArray leaf = values.duplicate();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /**
     * Writes the feedback baseline and, for Reduced MPL, the large teacher's stored predictions.
     *
     * @param state where to write
     */
    @Override
    public void saveState(StateWriter state) {
        state.putDouble("feedbackBaseline", baseline);
        if (large != null) {
            large.save(state);
        }
    }

    @Override
    public void restoreState(StateReader state) {
        baseline = state.getDouble("feedbackBaseline");
        if (large != null) {
            large.restore(state);
        }
    }
}
