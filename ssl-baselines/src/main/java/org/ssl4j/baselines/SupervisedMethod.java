package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import java.util.List;
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
import org.ssl4j.api.role.StudentFeedback;

/**
 * Supervised training of one network, named {@code student}, in one phase named {@code train}.
 * Without auxiliary terms a step uses labeled data only; with them it also takes the unlabeled
 * weak view (and the strong view if a term needs it) into the same forward pass, and the terms
 * get their logits. With {@code tsa} set, the supervised loss is annealed ({@link TsaSchedule})
 * over the phase's steps. The method reports the student.
 */
public final class SupervisedMethod implements TrainingMethod, Phase {

    /** The name of the trained network. */
    public static final String STUDENT = "student";

    /** The name of the method's only phase. */
    public static final String PHASE = "train";

    private final long steps;
    private final BatchPlan batches;
    private final boolean usesUnlabeled;
    private final CrossEntropyStudent student;

    /**
     * Creates the student network and the auxiliary terms.
     *
     * @param config the method's settings
     * @param context the data, budget and network factory
     * @throws InvalidConfigException when auxiliary terms are configured but {@code
     *     train.unlabeledRatio} is 0, or two terms share a name
     */
    public SupervisedMethod(SupervisedConfig config, MethodContext context) {
        List<AuxiliaryLoss> auxiliaryLosses =
                AuxiliaryLosses.create(config.auxiliaryLosses(), context.data());
        int batchSize = context.train().batchSize();
        usesUnlabeled = !auxiliaryLosses.isEmpty();
        if (usesUnlabeled) {
            int unlabeled = context.train().unlabeledBatchSize();
            if (unlabeled == 0) {
                throw new InvalidConfigException(
                        "train.unlabeledRatio",
                        "must be at least 1 when the supervised method has auxiliaryLosses, got 0");
            }
            batches =
                    new BatchPlan(
                            batchSize, unlabeled, AuxiliaryLosses.needStrongView(auxiliaryLosses));
        } else {
            batches = BatchPlan.labeledOnly(batchSize);
        }
        steps = context.train().steps();
        Network network =
                context.trainable(STUDENT, config.backbone(), config.optimizer(), steps);
        student =
                new CrossEntropyStudent(
                        network,
                        config.labelSmoothing().floatValue(),
                        config.tsaSchedule(),
                        step -> 0.0,
                        auxiliaryLosses,
                        StudentView.WEAK);
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
        return PHASE;
    }

    /**
     * @return {@code train.steps}
     */
    @Override
    public long steps() {
        return steps;
    }

    /**
     * @return labeled only without auxiliary terms; otherwise {@code batchSize * unlabeledRatio}
     *     unlabeled examples too, with the strong view if a term needs it
     */
    @Override
    public BatchPlan batches() {
        return batches;
    }

    /**
     * One update of the student on the labeled batch (and the unlabeled views its auxiliary
     * terms use).
     *
     * @param context the step
     * @return the losses {@code supervised}, the auxiliary terms, {@code loss} and, with TSA,
     *     {@code tsaThreshold}; the examples
     *     are the labeled plus the unlabeled ones drawn
     */
    @Override
    public StepResult step(StepContext context) {
        LabeledBatch labeled = context.labeled();
        long examples = labeled.inputs().getShape().get(0);
        StudentFeedback feedback;
        if (usesUnlabeled) {
            UnlabeledBatch unlabeled = context.unlabeled();
            NDArray strong = batches.strongView() ? unlabeled.strong() : null;
            feedback = student.learn(labeled, unlabeled.weak(), strong, null, context);
            examples += unlabeled.weak().getShape().get(0);
        } else {
            feedback = student.learn(labeled, null, null, context);
        }
        return new StepResult(feedback.losses(), examples);
    }
}
