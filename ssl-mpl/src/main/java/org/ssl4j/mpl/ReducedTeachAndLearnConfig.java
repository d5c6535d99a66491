package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.Student;
import org.ssl4j.steps.BasicPhase;
import org.ssl4j.steps.TeachAndLearnConfig;

/**
 * Config of the {@code reduced-teach-and-learn} phase, Reduced MPL's second: when it begins, the
 * {@code meta} teacher's large teacher stores its predictions and is freed, and only then the
 * student (a {@code deferred} one) is created, so the two large networks are never in memory
 * together; its steps are {@code teach-and-learn} steps. It evaluates the student from its begin
 * on.
 *
 * @param name the phase's name; default {@code mpl}
 * @param steps its steps, {@code >= 1}; default {@code train.steps}
 */
public record ReducedTeachAndLearnConfig(String name, Long steps) implements PhaseConfig {

    /** Fills the default; the {@code teach-and-learn} config checks the rest. */
    public ReducedTeachAndLearnConfig {
        name = name == null ? "mpl" : name;
        new TeachAndLearnConfig(name, steps, null);
    }

    /**
     * @throws org.ssl4j.api.config.InvalidConfigException when the teacher is not a {@code meta}
     *     teacher with a large teacher, or as {@code teach-and-learn}
     */
    @Override
    public List<Phase> create(PhaseSetup setup) {
        LargeTeacher large = LargeTeacherPhaseConfig.largeTeacherOf(setup, "reduced-teach-and-learn");
        Phase delegate = new TeachAndLearnConfig(name, this.steps, null).create(setup).get(0);
        Student student = setup.student();
        return List.of(
                new BasicPhase(delegate.name(), delegate.steps(), delegate.batches()) {
                    private boolean begun;

                    /** Hands the large teacher over, then creates the student. */
                    @Override
                    public void begin(PhaseContext context) {
                        large.handOver(context);
                        student.network();
                        begun = true;
                    }

                    @Override
                    public StepResult step(StepContext context) {
                        return delegate.step(context);
                    }

                    /** The student's evaluated network, once the phase has begun. */
                    @Override
                    public Network result() {
                        return begun ? student.evaluated() : null;
                    }
                });
    }
}
