package org.ssl4j.mpl;

import java.util.List;
import java.util.Map;
import ai.djl.ndarray.NDArray;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.steps.BasicPhase;

/**
 * Config of the {@code large-teacher} phase, Reduced MPL's first: the {@code meta} teacher's
 * large network learns alone for {@code largeTeacherSteps} steps, from labeled cross-entropy and
 * its auxiliary losses (with those it also draws unlabeled batches), with no student. It is
 * evaluated while it lives.
 *
 * @param name the phase's name; default {@code large-teacher}
 */
public record LargeTeacherPhaseConfig(String name) implements PhaseConfig {

    /** Fills the default. */
    public LargeTeacherPhaseConfig {
        name = name == null || name.isBlank() ? "large-teacher" : name;
    }

    /**
     * @throws InvalidConfigException when the teacher is not a {@code meta} teacher with a large
     *     teacher, or its auxiliary losses have no unlabeled data
     */
    @Override
    public List<Phase> create(PhaseSetup setup) {
        LargeTeacher large = largeTeacherOf(setup, "large-teacher");
        MetaTeacher trainer = large.trainer();
        Budget budget = setup.method().budget();
        if (trainer.hasAuxiliaryLosses() && budget.unlabeledBatchSize() == 0) {
            throw new InvalidConfigException(
                    "train.unlabeledRatio",
                    "must be at least 1: the large teacher's auxiliary losses need unlabeled data, got 0");
        }
        BatchPlan batches =
                trainer.hasAuxiliaryLosses()
                        ? new BatchPlan(budget.batchSize(), budget.unlabeledBatchSize(), true)
                        : BatchPlan.labeledOnly(budget.batchSize());
        return List.of(
                new BasicPhase(name, large.steps(), batches) {
                    @Override
                    public StepResult step(StepContext context) {
                        Map<String, NDArray> losses = trainer.learnAlone(context);
                        long examples = context.labeled().inputs().getShape().get(0);
                        if (batches().unlabeled() > 0) {
                            examples += context.unlabeled().weak().getShape().get(0);
                        }
                        return new StepResult(losses, examples);
                    }

                    /** The large network, until it hands over. */
                    @Override
                    public Network result() {
                        return large.network();
                    }
                });
    }

    /**
     * @param setup a phase's setup
     * @param type the phase's type, for the error
     * @return the large teacher of the composition's {@code meta} teacher
     * @throws InvalidConfigException when there is none
     */
    static LargeTeacher largeTeacherOf(PhaseSetup setup, String type) {
        if (setup.teacher() instanceof MetaTeacher meta && meta.large() != null) {
            return meta.large();
        }
        throw new InvalidConfigException(
                setup.path() + ".type",
                "phase '" + type + "' needs a 'meta' teacher with a largeTeacher (Reduced MPL)");
    }
}
