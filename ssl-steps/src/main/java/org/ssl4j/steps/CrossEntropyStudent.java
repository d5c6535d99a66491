package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.nd.Scalars;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.View;

/**
 * The {@code cross-entropy} student: it minimises cross-entropy on the labeled batch plus a
 * weighted pseudo-label loss on its view of the unlabeled batch, plus auxiliary terms, in one
 * forward pass (training mode) over the parts it uses, so batch-norm statistics see them all, and
 * one update of its network.
 *
 * <p>The loss of a step is {@code supervised + w(step) * unlabeled + sum(auxiliary)}: {@code
 * supervised} is the mean label-smoothed cross-entropy on the labeled batch (left out, with the
 * labeled inputs, when the student learns from pseudo labels only, as Meta Pseudo Labels'
 * student); {@code unlabeled} is {@link PseudoLabels#loss} on the logits of its view; each
 * auxiliary term is already weighted. Auxiliary terms are computed in steps with unlabeled data.
 * With Training Signal Annealing ({@link TsaSchedule}), {@code supervised} is the mean over the
 * labeled examples whose predicted probability of their true class is at most the step's
 * threshold, reported as {@code tsaThreshold}.
 *
 * <p>Options: it can wait a number of steps before learning; measure its labeled loss before and
 * after each update (evaluation mode, no gradient), which a {@code meta} teacher learns from;
 * clip its gradient norm; and keep a moving average of its weights that is evaluated instead of
 * it.
 */
public final class CrossEntropyStudent implements Student {

    /** Metric name of the mean cross-entropy on the labeled batch. */
    public static final String SUPERVISED = "supervised";

    /** Metric name of the (unweighted) pseudo-label loss. */
    public static final String UNLABELED = "unlabeled";

    /** Metric name of the total loss the step optimised. */
    public static final String LOSS = "loss";

    /** Metric name of the step's TSA threshold, reported only when TSA is on; not a loss term. */
    public static final String TSA_THRESHOLD = "tsaThreshold";

    /** Metric name of the labeled cross-entropy before the update, when measured. */
    public static final String LABELED_BEFORE = "labeledBefore";

    /** Metric name of the labeled cross-entropy after the update, when measured. */
    public static final String LABELED_AFTER = "labeledAfter";

    /** The names the student reports itself; auxiliary terms may not take them. */
    public static final List<String> LOSS_NAMES =
            List.of(SUPERVISED, UNLABELED, LOSS, TSA_THRESHOLD, LABELED_BEFORE, LABELED_AFTER);

    private final MethodContext context;
    private final CrossEntropyStudentConfig config;
    private final TsaSchedule tsa;
    private final LongToDoubleFunction unlabeledWeight;
    private final List<AuxiliaryLoss> auxiliaryLosses;
    private final View view;
    private Network network;

    private MovingAverage average;

    /**
     * @param context where it creates its networks, {@code student} and, with a moving average,
     *     {@code student-ema}, when it is first used
     * @param config its settings (defaults filled)
     * @param auxiliaryLosses its auxiliary terms, each already weighted
     */
    CrossEntropyStudent(
            MethodContext context,
            CrossEntropyStudentConfig config,
            List<AuxiliaryLoss> auxiliaryLosses) {
        this.context = context;
        this.config = config;
        this.tsa = config.tsaSchedule();
        this.unlabeledWeight = new LinearWarmup(config.unlabeledWeight(), config.warmupSteps());
        this.auxiliaryLosses = List.copyOf(auxiliaryLosses);
        this.view = config.studentView();
    }

    /**
     * @return its network, created (with its moving average) at the first call: when the
     *     student is created, or, for a {@linkplain CrossEntropyStudentConfig#deferred deferred}
     *     one, when it is first used
     */
    @Override
    public Network network() {
        if (network == null) {
            network = context.trainable(
                    CrossEntropyStudentConfig.NETWORK, config.backbone(), config.optimizer(), context.budget().steps());
            if (config.ema() != null) {
                average = new MovingAverage(
                        context.frozen(CrossEntropyStudentConfig.AVERAGE, config.backbone()), network, config.ema(), true);
            }
        }
        return network;
    }

    /**
     * @return the moving average when it keeps one, else its network
     */
    @Override
    public Network evaluated() {
        Network own = network();
        return average == null ? own : average.network();
    }

    @Override
    public View view() {
        return view;
    }

    @Override
    public boolean needsStrongView() {
        return view == View.STRONG || AuxiliaryLosses.needStrongView(auxiliaryLosses);
    }

    /**
     * @return whether it has auxiliary terms, which use the unlabeled batch even without a
     *     teacher
     */
    @Override
    public boolean usesUnlabeled() {
        return !auxiliaryLosses.isEmpty();
    }

    @Override
    public boolean measuresFeedback() {
        return config.measureFeedback();
    }

    /**
     * One step: labeled loss before (when measured), the joined forward pass over the labeled
     * inputs (unless it learns from pseudo labels only) and the unlabeled views it uses, the
     * loss, backward in one gradient collector, clipping, update, the moving average, labeled
     * loss after.
     *
     * @param labels pseudo labels for the step's unlabeled examples, or null
     * @param context the step; no gradient collector may be open
     * @return the losses {@code supervised} (when it learns from labels), {@code unlabeled}
     *     (with pseudo labels), the auxiliary terms (with unlabeled data), {@code loss}, with TSA
     *     {@code tsaThreshold} (not part of {@code loss}), and when measured {@code
     *     labeledBefore} and {@code labeledAfter}; {@link StudentFeedback#NONE} while it waits
     */
    @Override
    public StudentFeedback learn(PseudoLabels labels, StepContext context) {
        return learn(labels, context, () -> {});
    }

    /**
     * {@link #learn(PseudoLabels, StepContext)} with a look at the step's gradient: {@code
     * beforeUpdate} runs after the backward pass and before clipping and the update, for a phase
     * that needs the gradient the student steps along (MPL's exact soft feedback).
     *
     * @param labels pseudo labels for the step's unlabeled examples, or null
     * @param context the step; no gradient collector may be open
     * @param beforeUpdate called once when the student learns in this step, not while it waits
     * @return as {@link #learn(PseudoLabels, StepContext)}
     */
    public StudentFeedback learn(PseudoLabels labels, StepContext context, Runnable beforeUpdate) {
        if (context.step() < config.waitSteps()) {
            return StudentFeedback.NONE;
        }
        Network own = network();
        LabeledBatch labeled = context.labeled();
        boolean withLabeled = config.labeledLoss();
        if (!withLabeled && labels == null) {
            throw new IllegalStateException(
                    "a student that learns from pseudo labels only was given no pseudo labels");
        }
        UnlabeledBatch unlabeled = labels != null || usesUnlabeled() ? context.unlabeled() : null;
        boolean auxiliary = unlabeled != null && usesUnlabeled();
        NDArray weak =
                unlabeled != null && (auxiliary || (labels != null && view == View.WEAK))
                        ? unlabeled.weak()
                        : null;
        NDArray strong =
                unlabeled != null && (labels != null || auxiliary) && needsStrongView()
                        ? View.STRONG.of(unlabeled)
                        : null;
        NDArray before = measuresFeedback() ? Updates.evaluationLoss(own, labeled) : null;
        Map<String, NDArray> losses = new LinkedHashMap<>();
        try (GradientCollector collector = context.newGradientCollector()) {
            AuxiliaryInputs logits = JointForward.run(own, labeled, withLabeled, weak, strong);
            NDArray total = null;
            if (withLabeled) {
                total = supervised(logits, labeled, context, losses);
            }
            if (labels != null) {
                NDArray viewLogits = view == View.WEAK ? logits.weakLogits() : logits.strongLogits();
                NDArray unlabeledLoss = labels.loss(viewLogits, config.labelSmoothing().floatValue());
                losses.put(UNLABELED, unlabeledLoss);
                float weight = (float) unlabeledWeight.applyAsDouble(context.step());
                // a weight of exactly 1 (MPL's student, a warmed-up pseudo-label loss) changes no
                // bit of the loss or its gradient, so it costs no kernel
                NDArray weighted = weight == 1f ? unlabeledLoss : Scalars.times(unlabeledLoss, weight);
                total = total == null ? weighted : total.add(weighted);
            }
            if (auxiliary) {
                for (AuxiliaryLoss term : auxiliaryLosses) {
                    NDArray value = term.compute(logits, context);
                    losses.put(term.name(), value);
                    total = total.add(value);
                }
            }
            losses.put(LOSS, total);
            collector.backward(total);
        }
        beforeUpdate.run();
        Updates.apply(own, config.maxGradNorm());
        if (average != null) {
            average.update();
        }
        if (before == null) {
            return StudentFeedback.of(losses);
        }
        NDArray after = Updates.evaluationLoss(own, labeled);
        losses.put(LABELED_BEFORE, before);
        losses.put(LABELED_AFTER, after);
        return new StudentFeedback(losses, before, after);
    }

    /** The supervised term, annealed with TSA when it is on. */
    private NDArray supervised(
            AuxiliaryInputs logits, LabeledBatch labeled, StepContext context, Map<String, NDArray> losses) {
        float smoothing = config.labelSmoothing().floatValue();
        NDArray supervised;
        if (tsa == TsaSchedule.NONE) {
            supervised = Losses.crossEntropy(logits.labeledLogits(), labeled.labels(), smoothing).mean();
        } else {
            NDArray labeledLogits = logits.labeledLogits();
            long classes = labeledLogits.getShape().get(1);
            float threshold = (float) tsa.threshold(context.step(), context.steps(), classes);
            supervised = annealedCrossEntropy(labeledLogits, labeled.labels(), smoothing, threshold);
            losses.put(TSA_THRESHOLD, context.manager().create(threshold));
        }
        losses.put(SUPERVISED, supervised);
        return supervised;
    }

    /**
     * The TSA-masked supervised loss: the mean label-smoothed cross-entropy over the examples
     * whose softmax probability of their true class is at most {@code threshold}, 0 when there
     * are none. The mask carries no gradient.
     *
     * @param logits {@code (N, K)} labeled logits
     * @param labels {@code (N)} integer class ids
     * @param smoothing label smoothing in [0, 1)
     * @param threshold the step's TSA threshold
     * @return a scalar in the logits' manager
     */
    static NDArray annealedCrossEntropy(
            NDArray logits, NDArray labels, float smoothing, float threshold) {
        NDArray perExample = Losses.crossEntropy(logits, labels, smoothing);
        NDArray correct =
                logits.stopGradient()
                        .softmax(1)
                        .mul(Losses.targets(labels, logits.getShape().get(1), 0f))
                        .sum(new int[] {1});
        NDArray kept = correct.lte(threshold).toType(perExample.getDataType(), false);
        return perExample.mul(kept).sum().div(kept.sum().maximum(1f));
    }
}
