package org.ssl4j.steps;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.TeacherConfig;

/**
 * Config of the {@code teacher-student} method: a composition of roles and phases, each picked
 * by config. Every preset ({@code supervised}, {@code pseudo-label}, {@code mpl}, {@code
 * noisy-student}, ...) expands to one.
 *
 * <pre>{@code
 * type: teacher-student
 * teacher: {type: meta, backbone: ..., optimizer: ..., auxiliaryLosses: [{type: uda}]}
 * student: {type: cross-entropy, backbone: ..., optimizer: ..., view: strong,
 *           labeledLoss: false, measureFeedback: true, ema: 0.99}
 * pseudoLabels: {type: hard}
 * phases: [{type: teach-and-learn, name: mpl}, {type: finetune, steps: 500, optimizer: ...}]
 * }</pre>
 *
 * @param teacher who labels the unlabeled examples; default none (the student then learns from
 *     labeled data and its auxiliary losses)
 * @param student who learns, required
 * @param pseudoLabels how the teacher's logits become labels; default {@code hard} with threshold
 *     0 (the argmax, nothing masked)
 * @param phases what runs, in order; default one {@code teach-and-learn} phase. When they start
 *     with {@code pretrain}, a {@linkplain DeferrableStudentConfig deferrable} student's
 *     networks are created when the first phase after it begins, not with the method
 */
public record TeacherStudentConfig(
        TeacherConfig teacher,
        StudentConfig student,
        PseudoLabelStrategyConfig pseudoLabels,
        List<PhaseConfig> phases)
        implements MethodConfig {

    /** Checks required fields and fills the defaults. */
    public TeacherStudentConfig {
        Checks.required("student", student);
        pseudoLabels = pseudoLabels == null ? new HardLabelsConfig(0.0) : pseudoLabels;
        phases = Checks.listOf("phases", phases);
        if (phases.isEmpty()) {
            phases = List.of(TeachAndLearnConfig.DEFAULT);
        }
    }

    @Override
    public TeacherStudentMethod create(MethodContext context) {
        return new TeacherStudentMethod(this, context);
    }
}
