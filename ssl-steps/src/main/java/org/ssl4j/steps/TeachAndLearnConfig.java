package org.ssl4j.steps;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.Teacher;

/**
 * Config of the {@code teach-and-learn} phase ({@link TeachAndLearnPhase}): each step the teacher
 * labels, the student learns, the teacher learns from the student's feedback. Without a teacher
 * (or with {@code teacher: false}) the student learns from labeled data and its auxiliary losses.
 *
 * @param name the phase's name in progress output and metrics; default {@code train}
 * @param steps its steps, {@code >= 1}; default {@code train.steps}
 * @param teacher whether the composition's teacher takes part; default true (when there is one)
 */
public record TeachAndLearnConfig(String name, Long steps, Boolean teacher) implements PhaseConfig {

    /** One phase named {@code train} of {@code train.steps} steps, with the teacher. */
    public static final TeachAndLearnConfig DEFAULT = new TeachAndLearnConfig(null, null, null);

    /** Checks the ranges and fills the defaults. */
    public TeachAndLearnConfig {
        name = name == null ? "train" : Checks.required("name", name);
        if (name.isBlank()) {
            throw new InvalidConfigException("name", "must not be blank");
        }
        if (steps != null) {
            Checks.positive("steps", steps);
        }
        teacher = teacher == null ? Boolean.TRUE : teacher;
    }

    /**
     * @param name the phase's name
     * @return a phase of that name with the defaults otherwise
     */
    public static TeachAndLearnConfig named(String name) {
        return new TeachAndLearnConfig(name, null, null);
    }

    /**
     * @throws InvalidConfigException when the phase uses unlabeled data and {@code
     *     train.unlabeledRatio} is 0
     */
    @Override
    public List<Phase> create(PhaseSetup setup) {
        Budget budget = setup.method().budget();
        Teacher active = teacher ? setup.teacher() : null;
        Student student = setup.student();
        boolean unlabeled = active != null || student.usesUnlabeled();
        BatchPlan batches;
        if (unlabeled) {
            if (budget.unlabeledBatchSize() == 0) {
                throw new InvalidConfigException(
                        "train.unlabeledRatio",
                        "must be at least 1: phase '"
                                + name
                                + "' "
                                + (active != null
                                        ? "has a teacher"
                                        : "has a student with auxiliary losses")
                                + ", got 0");
            }
            boolean strong = student.needsStrongView() || (active != null && active.needsStrongView());
            batches = new BatchPlan(budget.batchSize(), budget.unlabeledBatchSize(), strong);
        } else {
            batches = BatchPlan.labeledOnly(budget.batchSize());
        }
        return List.of(
                new TeachAndLearnPhase(name, steps == null ? budget.steps() : steps, batches, active, student));
    }
}
