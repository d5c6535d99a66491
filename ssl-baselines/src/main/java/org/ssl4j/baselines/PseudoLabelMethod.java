package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherContext;

/**
 * Pseudo-label self-training in one phase named {@code train}: each step the teacher labels the
 * weak unlabeled view (no gradient collector open), the student, a network named {@code
 * student}, learns from the labeled batch and the labels on its view, and the teacher then
 * follows the student. The method reports the student.
 */
public final class PseudoLabelMethod implements TrainingMethod, Phase {

    /** Metric name of the fraction of unlabeled examples the mask keeps. */
    public static final String MASK_RATE = "maskRate";

    private final long steps;
    private final BatchPlan batches;
    private final StudentView view;
    private final boolean auxiliaryTerms;
    private final CrossEntropyStudent student;
    private final Teacher teacher;

    /**
     * Creates the student network, the strategy, the teacher and the auxiliary terms.
     *
     * @param config the method's settings
     * @param context the data, budget and network factory
     * @throws InvalidConfigException when {@code train.unlabeledRatio} is 0, or two auxiliary
     *     terms share a name
     */
    public PseudoLabelMethod(PseudoLabelConfig config, MethodContext context) {
        int unlabeled = context.train().unlabeledBatchSize();
        if (unlabeled == 0) {
            throw new InvalidConfigException(
                    "train.unlabeledRatio",
                    "must be at least 1 for the pseudo-label method, got 0");
        }
        List<AuxiliaryLoss> auxiliaryLosses =
                AuxiliaryLosses.create(config.auxiliaryLosses(), context.data());
        view = config.view();
        auxiliaryTerms = !auxiliaryLosses.isEmpty();
        boolean strongView =
                view == StudentView.STRONG || AuxiliaryLosses.needStrongView(auxiliaryLosses);
        batches = new BatchPlan(context.train().batchSize(), unlabeled, strongView);
        steps = context.train().steps();
        Network network =
                context.trainable(
                        SupervisedMethod.STUDENT, config.backbone(), config.optimizer(), steps);
        student =
                new CrossEntropyStudent(
                        network,
                        config.labelSmoothing().floatValue(),
                        config.tsaSchedule(),
                        new LinearWarmup(config.unlabeledWeight(), config.warmupSteps()),
                        auxiliaryLosses,
                        view);
        teacher =
                config.teacher()
                        .create(
                                new TeacherContext(
                                        context, network, config.pseudoLabels().create()));
    }

    /**
     * @return this method's single phase, {@code train}
     */
    @Override
    public List<Phase> phases() {
        return List.of(this);
    }

    /**
     * @return the student
     */
    @Override
    public Network evaluated() {
        return student.network();
    }

    @Override
    public String name() {
        return SupervisedMethod.PHASE;
    }

    /**
     * @return {@code train.steps}
     */
    @Override
    public long steps() {
        return steps;
    }

    /**
     * @return {@code batchSize} labeled and {@code batchSize * unlabeledRatio} unlabeled
     *     examples, with the strong view when the student learns on it or an auxiliary term needs
     *     it
     */
    @Override
    public BatchPlan batches() {
        return batches;
    }

    /**
     * Teacher labels, student learns, teacher follows.
     *
     * @param context the step
     * @return the student's losses (with {@code tsaThreshold} when TSA is on) plus {@code
     *     maskRate}; the examples are the labeled plus the
     *     unlabeled ones
     */
    @Override
    public StepResult step(StepContext context) {
        LabeledBatch labeled = context.labeled();
        UnlabeledBatch unlabeled = context.unlabeled();
        PseudoLabels labels = teacher.teach(unlabeled.weak(), context);
        NDArray weak = view == StudentView.WEAK || auxiliaryTerms ? unlabeled.weak() : null;
        NDArray strong = batches.strongView() ? unlabeled.strong() : null;
        StudentFeedback feedback = student.learn(labeled, weak, strong, labels, context);
        teacher.learn(feedback, context);
        Map<String, NDArray> losses = new HashMap<>(feedback.losses());
        losses.put(MASK_RATE, labels.mask().mean());
        long examples = labeled.inputs().getShape().get(0) + unlabeled.weak().getShape().get(0);
        return new StepResult(losses, examples);
    }
}
