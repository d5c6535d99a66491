package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.steps.CrossEntropyStudent;
import org.ssl4j.steps.TeachAndLearnConfig;

/**
 * Config of the {@code soft-exact} phase ({@link SoftExactPhase}): teach-and-learn with MPL's
 * exact soft feedback. The {@code meta} teacher's labels are {@code softmax(strong logits /
 * temperature)} (the composition's pseudo-label strategy is not used) and its feedback is the
 * exact gradient of the student's labeled loss after one step on them. It needs the student's
 * update itself (its parameters before and after, the gradient it stepped along), so it drives
 * a {@code meta} teacher and a {@code cross-entropy} student.
 *
 * @param name the phase's name; default {@code train}
 * @param steps its steps, {@code >= 1}; default {@code train.steps}
 * @param temperature divides the teacher's logits before the softmax, {@code > 0}; default 1
 * @param finiteDifferenceStep the L2 length of the parameter perturbation of the central
 *     difference, {@code > 0}; default 0.001
 */
public record SoftExactConfig(String name, Long steps, Double temperature, Double finiteDifferenceStep)
        implements PhaseConfig {

    /** Fills defaults and checks ranges ({@code name} and {@code steps} as {@code teach-and-learn}). */
    public SoftExactConfig {
        name = new TeachAndLearnConfig(name, steps, null).name();
        temperature = Checks.positive("temperature", temperature == null ? 1.0 : temperature);
        finiteDifferenceStep =
                Checks.positive("finiteDifferenceStep", finiteDifferenceStep == null ? 1e-3 : finiteDifferenceStep);
    }

    /**
     * @throws InvalidConfigException when the teacher is not {@code meta}, the student not {@code
     *     cross-entropy}, or as {@code teach-and-learn} (its batches: both views, since the {@code
     *     meta} teacher labels the strong one)
     */
    @Override
    public List<Phase> create(PhaseSetup setup) {
        if (!(setup.teacher() instanceof MetaTeacher teacher) || !(setup.student() instanceof CrossEntropyStudent student)) {
            throw new InvalidConfigException(
                    setup.path() + ".type",
                    "phase 'soft-exact' drives a 'meta' teacher and a 'cross-entropy' student; the"
                            + " composition has "
                            + (setup.teacher() == null ? "no teacher" : "another teacher")
                            + " or another student");
        }
        Phase plan = new TeachAndLearnConfig(name, steps, null).create(setup).get(0);
        return List.of(
                new SoftExactPhase(
                        plan,
                        teacher,
                        student,
                        temperature.floatValue(),
                        finiteDifferenceStep));
    }
}
