package org.ssl4j.steps;

import java.util.List;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;

/**
 * Config of the {@code pretrain} phase: the composition's teacher learns alone, from labeled
 * cross-entropy and its own auxiliary losses (with those it also draws unlabeled batches, both
 * views), with no student: the teacher must be {@link Pretrainable}. The network it trains is
 * evaluated while the phase runs. A composition whose phases start with {@code pretrain} creates
 * its student only when the first phase after them begins ({@link TeacherStudentConfig}).
 *
 * @param name the phase's name in progress output and metrics; default {@code pretrain}
 * @param steps its steps, {@code >= 1}; default the teacher's own ({@link
 *     Pretrainable#pretrainSteps()}), else {@code train.steps}
 */
public record PretrainConfig(String name, Long steps) implements PhaseConfig {

    /** Fills the default and checks the range. */
    public PretrainConfig {
        name = name == null ? "pretrain" : name;
        if (name.isBlank()) {
            throw new InvalidConfigException("name", "must not be blank");
        }
        if (steps != null) {
            Checks.positive("steps", steps);
        }
    }

    /**
     * @throws InvalidConfigException when the teacher cannot learn alone, or its auxiliary losses
     *     have no unlabeled data
     */
    @Override
    public List<Phase> create(PhaseSetup setup) {
        if (!(setup.teacher() instanceof Pretrainable teacher)) {
            throw new InvalidConfigException(
                    setup.path() + ".type",
                    "phase 'pretrain' needs a teacher that learns alone (such as 'meta'); the composition has "
                            + (setup.teacher() == null ? "no teacher" : "another one"));
        }
        Budget budget = setup.method().budget();
        boolean unlabeled = teacher.pretrainsOnUnlabeled();
        if (unlabeled && budget.unlabeledBatchSize() == 0) {
            throw new InvalidConfigException(
                    "train.unlabeledRatio",
                    "must be at least 1: phase '" + name + "' has a teacher with auxiliary losses, got 0");
        }
        BatchPlan batches =
                unlabeled
                        ? new BatchPlan(budget.batchSize(), budget.unlabeledBatchSize(), true)
                        : BatchPlan.labeledOnly(budget.batchSize());
        long length = steps != null ? steps : teacher.pretrainSteps().orElse(budget.steps());
        return List.of(
                new BasicPhase(name, length, batches) {
                    /**
                     * @return the teacher's terms; the examples are the labeled plus the unlabeled
                     *     ones drawn
                     */
                    @Override
                    public StepResult step(StepContext context) {
                        long examples = context.labeled().inputs().getShape().get(0);
                        if (unlabeled) {
                            examples += context.unlabeled().weak().getShape().get(0);
                        }
                        return new StepResult(teacher.pretrain(context), examples);
                    }

                    /** The network the teacher trains alone, until it is gone. */
                    @Override
                    public Network result() {
                        return teacher.pretrained();
                    }
                });
    }
}
