package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.AuxiliaryLoss;

/**
 * Reduced MPL's first phase, {@code large-teacher}: the large teacher learns from labeled
 * cross-entropy and its auxiliary losses, with no student. Without auxiliary losses it sees the
 * labeled batch only; with them it is a {@link MetaTeacher} that never gets feedback.
 */
final class TeacherPretrainPhase implements Phase {

    private final Network teacher;
    private final long steps;
    private final BatchPlan batches;
    private final float labelSmoothing;
    /** The teacher with its auxiliary losses (and no feedback ever), or null without any. */
    private final MetaTeacher withAuxiliaryLosses;

    /**
     * @param teacher the large teacher
     * @param steps the phase's steps
     * @param batchSize labeled examples a step
     * @param unlabeledBatchSize unlabeled examples a step, used only with auxiliary losses
     * @param labelSmoothing label smoothing in [0, 1)
     * @param auxiliaryLosses extra terms, each weighted
     */
    TeacherPretrainPhase(
            Network teacher,
            long steps,
            int batchSize,
            int unlabeledBatchSize,
            float labelSmoothing,
            List<AuxiliaryLoss> auxiliaryLosses) {
        this.teacher = teacher;
        this.steps = steps;
        this.batches =
                auxiliaryLosses.isEmpty()
                        ? BatchPlan.labeledOnly(batchSize)
                        : new BatchPlan(batchSize, unlabeledBatchSize, true);
        this.labelSmoothing = labelSmoothing;
        this.withAuxiliaryLosses =
                auxiliaryLosses.isEmpty()
                        ? null
                        : new MetaTeacher(
                                teacher,
                                step -> TeacherForward.run(teacher, true, step),
                                new ArgmaxLabels(),
                                auxiliaryLosses,
                                labelSmoothing,
                                new FeedbackBaseline(0),
                                null);
    }

    @Override
    public String name() {
        return ReducedMplMethod.PRETRAIN;
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
     * One update of the large teacher.
     *
     * @param context the step
     * @return {@code teacherSupervised}, the auxiliary terms and {@code teacherLoss}
     */
    @Override
    public StepResult step(StepContext context) {
        Map<String, NDArray> losses = new LinkedHashMap<>();
        long examples = context.labeled().inputs().getShape().get(0);
        if (withAuxiliaryLosses == null) {
            try (GradientCollector collector = context.newGradientCollector()) {
                NDArray logits = teacher.forward(context.labeled().inputs(), true);
                NDArray loss =
                        Losses.crossEntropy(logits, context.labeled().labels(), labelSmoothing).mean();
                losses.put(MetaTeacher.SUPERVISED, loss);
                losses.put(MetaTeacher.LOSS, loss);
                collector.backward(loss);
            }
            teacher.update();
        } else {
            withAuxiliaryLosses.teach(context.unlabeled().strong(), context);
            withAuxiliaryLosses.learn(new StudentFeedback(Map.of(), null, null), context);
            losses.putAll(withAuxiliaryLosses.lastLosses());
            examples += context.unlabeled().weak().getShape().get(0);
        }
        return new StepResult(losses, examples);
    }
}
