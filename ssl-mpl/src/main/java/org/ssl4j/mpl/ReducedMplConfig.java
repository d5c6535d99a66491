package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.steps.PretrainConfig;
import org.ssl4j.steps.TeachAndLearnConfig;
import org.ssl4j.steps.TeacherStudentConfig;

/**
 * The {@code reduced-mpl} preset, Reduced Meta Pseudo Labels: phase {@code large-teacher} trains
 * a large teacher alone (labeled cross-entropy and its auxiliary losses); phase {@code mpl}
 * stores its predictions on every labeled and unlabeled example, frees it, creates the student,
 * and runs MPL with the hard feedback rule between a small reduced teacher over those
 * predictions and the student. Two large networks are never in memory together.
 *
 * <pre>{@code
 * type: reduced-mpl
 * largeTeacher: {backbone: {type: wide-resnet}, optimizer: ..., auxiliaryLosses: [...]}
 * largeTeacherSteps: 5000
 * reducedTeacher: {backbone: {type: mlp, hidden: [64]}, optimizer: ...}
 * student: {backbone: ..., optimizer: ...}       # default: the large teacher's
 * }</pre>
 *
 * It expands to a {@code teacher-student} composition: the {@code meta} teacher with a {@code
 * largeTeacher}, a {@code cross-entropy} student, the strategy, and the phases {@code pretrain}
 * (named {@code large-teacher}) and {@code teach-and-learn} (named {@code mpl}). Its phases
 * start with {@code pretrain}, so the composition creates the student only when {@code mpl}
 * begins, after the meta teacher stored the large teacher's predictions and freed it.
 *
 * @param largeTeacher the large teacher; required
 * @param largeTeacherSteps steps of the {@code large-teacher} phase, {@code >= 1}; required
 * @param reducedTeacher the reduced teacher: its backbone is built for {@code K}-dim inputs; no
 *     auxiliary losses (it sees stored predictions, not views); required
 * @param student the student; backbone and optimizer default to the large teacher's
 * @param pseudoLabels the strategy over the reduced teacher's logits; default {@code hard}, threshold 0
 * @param feedback the feedback rule, {@code hard} only; default without a baseline
 */
public record ReducedMplConfig(
        MplTeacherConfig largeTeacher,
        Long largeTeacherSteps,
        MplTeacherConfig reducedTeacher,
        MplStudentConfig student,
        PseudoLabelStrategyConfig pseudoLabels,
        FeedbackConfig feedback)
        implements MethodConfig {

    /** The name of the large teacher's phase. */
    static final String LARGE_TEACHER = "large-teacher";

    /** Fills defaults and checks that the parts fit together. */
    public ReducedMplConfig {
        Checks.required("largeTeacher", largeTeacher);
        Checks.positive("largeTeacherSteps", Checks.required("largeTeacherSteps", largeTeacherSteps));
        Checks.required("reducedTeacher", reducedTeacher);
        if (!reducedTeacher.auxiliaryLosses().isEmpty()) {
            throw new InvalidConfigException(
                    "reducedTeacher.auxiliaryLosses",
                    "the reduced teacher sees stored predictions, not views; give auxiliary losses"
                            + " to largeTeacher");
        }
        student = student == null ? new MplStudentConfig() : student;
        feedback = feedback == null ? new FeedbackConfig() : feedback;
        if (feedback.softExact()) {
            throw new InvalidConfigException(
                    "feedback.variant", "reduced-mpl supports 'hard' only, got '" + feedback.variant() + "'");
        }
    }

    /**
     * @return the composition this preset stands for
     */
    @Override
    public TeacherStudentConfig expand() {
        MetaTeacherConfig meta =
                new MetaTeacherConfig(
                        reducedTeacher.backbone(),
                        reducedTeacher.optimizer(),
                        reducedTeacher.labelSmoothing(),
                        null,
                        reducedTeacher.maxGradNorm(),
                        feedback.teacherFeedback(),
                        largeTeacher,
                        largeTeacherSteps);
        return new TeacherStudentConfig(
                meta,
                student.toCrossEntropy(largeTeacher),
                pseudoLabels,
                List.of(new PretrainConfig(LARGE_TEACHER, null), TeachAndLearnConfig.named(MplConfig.PHASE)));
    }

    @Override
    public TrainingMethod create(MethodContext context) {
        return expand().create(context);
    }
}
