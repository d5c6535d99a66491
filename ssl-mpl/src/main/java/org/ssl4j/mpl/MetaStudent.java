package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentFeedback;

/**
 * The student of Meta Pseudo Labels: it learns only from the teacher's labels on the strong view,
 * and measures its cross-entropy on the step's labeled batch before and after that update, both
 * in evaluation mode (so batch-norm batch statistics and dropout do not enter the difference) and
 * without recording gradients.
 */
public final class MetaStudent implements Student {

    /** Metric name of the student's loss on the pseudo labels. */
    public static final String LOSS = "studentLoss";

    /** Metric name of the student's labeled cross-entropy before its update. */
    public static final String LABELED_BEFORE = "studentLabeledBefore";

    /** Metric name of the student's labeled cross-entropy after its update. */
    public static final String LABELED_AFTER = "studentLabeledAfter";

    private final Network network;
    private final float labelSmoothing;
    private final Double maxGradNorm;

    /**
     * @param network the student's trainable network
     * @param labelSmoothing label smoothing of its cross-entropy on hard pseudo labels
     * @param maxGradNorm the gradient-norm clip, or null for none
     */
    MetaStudent(Network network, float labelSmoothing, Double maxGradNorm) {
        this.network = network;
        this.labelSmoothing = labelSmoothing;
        this.maxGradNorm = maxGradNorm;
    }

    @Override
    public Network network() {
        return network;
    }

    /**
     * Labeled loss before, one update on {@code unlabeled} with {@code labels}, labeled loss after.
     *
     * @param labeled the step's labeled batch (only measured)
     * @param unlabeled the strong view {@code (U, ...)}; required
     * @param labels the teacher's labels for it; required
     * @param context the step; no gradient collector may be open
     * @return {@code studentLoss}, and the labeled losses before and after, scalars in the step's
     *     manager
     */
    @Override
    public StudentFeedback learn(
            LabeledBatch labeled, NDArray unlabeled, PseudoLabels labels, StepContext context) {
        if (unlabeled == null || labels == null) {
            throw new IllegalArgumentException("the MPL student learns from pseudo labels only");
        }
        NDArray before = labeledLoss(labeled);
        NDArray loss;
        try (GradientCollector collector = context.newGradientCollector()) {
            loss = labels.loss(network.forward(unlabeled, true), labelSmoothing);
            collector.backward(loss);
        }
        if (maxGradNorm != null) {
            NetworkArrays.clipGradientNorm(network, maxGradNorm);
        }
        network.update();
        NDArray after = labeledLoss(labeled);
        return new StudentFeedback(
                Map.of(LOSS, loss, LABELED_BEFORE, before, LABELED_AFTER, after), before, after);
    }

    /** The mean labeled cross-entropy in evaluation mode, with no gradient. */
    private NDArray labeledLoss(LabeledBatch labeled) {
        NDArray logits = network.forward(labeled.inputs(), false).stopGradient();
        return Losses.crossEntropy(logits, labeled.labels(), 0f).mean();
    }
}
