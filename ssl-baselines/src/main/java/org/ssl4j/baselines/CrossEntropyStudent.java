package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.nd.Scalars;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentFeedback;

/**
 * A student that minimises cross-entropy on labeled data plus a weighted pseudo-label loss on an
 * unlabeled view, plus auxiliary terms. Each step makes one forward pass (training mode) over the
 * labeled inputs and the unlabeled views together, so batch-norm statistics see them all, and
 * one update of its trainable network.
 *
 * <p>The loss of a step is {@code supervised + w(step) * unlabeled + sum(auxiliary)}, where
 * {@code supervised} is the mean label-smoothed cross-entropy on the labeled batch, {@code
 * unlabeled} is {@link PseudoLabels#loss} on the logits of the student's view, and each
 * auxiliary term is already weighted. Auxiliary terms are computed only in steps with unlabeled
 * data. It does not measure its labeled loss before and after the update.
 *
 * <p>With a {@link TsaSchedule} other than {@link TsaSchedule#NONE} (Training Signal Annealing),
 * {@code supervised} is instead the mean cross-entropy over the labeled examples whose predicted
 * probability of their true class is at most the schedule's threshold at this step; the others
 * are dropped (0 when all are), and the threshold is reported as {@code tsaThreshold}.
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

    /** The names the student reports itself; auxiliary terms may not take them. */
    public static final List<String> LOSS_NAMES =
            List.of(SUPERVISED, UNLABELED, LOSS, TSA_THRESHOLD);

    private final Network network;
    private final float labelSmoothing;
    private final TsaSchedule tsa;
    private final LongToDoubleFunction unlabeledWeight;
    private final List<AuxiliaryLoss> auxiliaryLosses;
    private final StudentView view;

    /**
     * @param network the trainable network it updates
     * @param labelSmoothing label smoothing of both cross-entropies, in [0, 1)
     * @param tsa the annealing of the supervised loss, {@link TsaSchedule#NONE} for none
     * @param unlabeledWeight the pseudo-label loss weight as a function of the step index
     * @param auxiliaryLosses extra terms, each already weighted
     * @param view the unlabeled view {@link #learn(LabeledBatch, NDArray, PseudoLabels,
     *     StepContext)} receives, which decides which slot of {@link AuxiliaryInputs} its logits
     *     fill
     */
    public CrossEntropyStudent(
            Network network,
            float labelSmoothing,
            TsaSchedule tsa,
            LongToDoubleFunction unlabeledWeight,
            List<AuxiliaryLoss> auxiliaryLosses,
            StudentView view) {
        this.network = network;
        this.labelSmoothing = labelSmoothing;
        this.tsa = tsa;
        this.unlabeledWeight = unlabeledWeight;
        this.auxiliaryLosses = List.copyOf(auxiliaryLosses);
        this.view = view;
    }

    @Override
    public Network network() {
        return network;
    }

    /**
     * One step on the labeled batch and, unless null, one unlabeled view: the view given at
     * construction.
     *
     * @param labeled the step's labeled batch
     * @param unlabeled the student's view of the unlabeled batch, {@code (U, ...)}, or null for
     *     a labeled-only step (supervised loss only)
     * @param labels the pseudo labels for {@code unlabeled}, null exactly when it is
     * @param context the step; no gradient collector may be open
     * @return the losses {@code supervised}, {@code unlabeled} (when given), the auxiliary terms
     *     (when given unlabeled data), {@code loss} and, with TSA, {@code tsaThreshold}, scalars in
     *     the step's manager
     */
    @Override
    public StudentFeedback learn(
            LabeledBatch labeled, NDArray unlabeled, PseudoLabels labels, StepContext context) {
        if ((unlabeled == null) != (labels == null)) {
            throw new IllegalArgumentException(
                    "give both the unlabeled view and its pseudo labels, or neither");
        }
        return view == StudentView.WEAK
                ? learn(labeled, unlabeled, null, labels, context)
                : learn(labeled, null, unlabeled, labels, context);
    }

    /**
     * One step on the labeled batch and up to two unlabeled views: a forward pass over their
     * concatenation, the loss, backward in one gradient collector, then {@link Network#update()}.
     * The pseudo labels, if any, apply to the logits of the student's view; the auxiliary terms
     * see the logits of every view given.
     *
     * @param labeled the step's labeled batch
     * @param weak the weak view {@code (U, ...)}, or null
     * @param strong the strong view {@code (U, ...)}, or null
     * @param labels pseudo labels for the student's view (which must then be given), or null
     * @param context the step; no gradient collector may be open
     * @return the losses {@code supervised}, {@code unlabeled} (with labels), the auxiliary terms
     *     (when a view is given), {@code loss} and, with TSA, {@code tsaThreshold} (not part of
     *     {@code loss}), scalars in the step's manager
     * @throws IllegalArgumentException when labels are given without the student's view
     */
    public StudentFeedback learn(
            LabeledBatch labeled,
            NDArray weak,
            NDArray strong,
            PseudoLabels labels,
            StepContext context) {
        if (labels != null && (view == StudentView.WEAK ? weak : strong) == null) {
            throw new IllegalArgumentException(
                    "pseudo labels for the " + view.configName() + " view, which is missing");
        }
        Map<String, NDArray> losses = new LinkedHashMap<>();
        try (GradientCollector collector = context.newGradientCollector()) {
            AuxiliaryInputs logits = forward(labeled, weak, strong);
            NDArray supervised;
            if (tsa == TsaSchedule.NONE) {
                supervised =
                        Losses.crossEntropy(
                                        logits.labeledLogits(), labeled.labels(), labelSmoothing)
                                .mean();
            } else {
                NDArray labeledLogits = logits.labeledLogits();
                long classes = labeledLogits.getShape().get(1);
                float threshold = (float) tsa.threshold(context.step(), context.steps(), classes);
                supervised =
                        annealedCrossEntropy(
                                labeledLogits, labeled.labels(), labelSmoothing, threshold);
                losses.put(TSA_THRESHOLD, context.manager().create(threshold));
            }
            losses.put(SUPERVISED, supervised);
            NDArray total = supervised;
            if (labels != null) {
                NDArray viewLogits =
                        view == StudentView.WEAK ? logits.weakLogits() : logits.strongLogits();
                NDArray unlabeledLoss = labels.loss(viewLogits, labelSmoothing);
                losses.put(UNLABELED, unlabeledLoss);
                float weight = (float) unlabeledWeight.applyAsDouble(context.step());
                total = total.add(Scalars.times(unlabeledLoss, weight));
            }
            if (weak != null || strong != null) {
                for (AuxiliaryLoss auxiliary : auxiliaryLosses) {
                    NDArray term = auxiliary.compute(logits, context);
                    losses.put(auxiliary.name(), term);
                    total = total.add(term);
                }
            }
            losses.put(LOSS, total);
            collector.backward(total);
        }
        network.update();
        return new StudentFeedback(losses, null, null);
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

    /** One forward pass over the given inputs, in training mode, split back per input. */
    private AuxiliaryInputs forward(LabeledBatch labeled, NDArray weak, NDArray strong) {
        NDList parts = new NDList(labeled.inputs());
        if (weak != null) {
            parts.add(weak);
        }
        if (strong != null) {
            parts.add(strong);
        }
        NDArray inputs = parts.size() == 1 ? parts.head() : NDArrays.concat(parts);
        NDArray all = network.forward(inputs, true);
        long start = labeled.inputs().getShape().get(0);
        NDArray labeledLogits = all.get("0:{}", start);
        NDArray weakLogits = null;
        if (weak != null) {
            long end = start + weak.getShape().get(0);
            weakLogits = all.get("{}:{}", start, end);
            start = end;
        }
        NDArray strongLogits = strong == null ? null : all.get("{}:", start);
        return new AuxiliaryInputs(labeled, labeledLogits, weakLogits, strongLogits);
    }
}
