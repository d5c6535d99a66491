package org.ssl4j.mpl;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;

/**
 * Reduced Meta Pseudo Labels, method type {@code reduced-mpl}: phase {@code large-teacher} trains
 * a large teacher alone (labeled cross-entropy and its auxiliary losses); phase {@code mpl}
 * stores its predictions on every labeled and unlabeled example, frees it, and runs MPL with the
 * hard feedback rule between a small reduced teacher over those predictions ({@link
 * ReducedTeacherForward}) and the student. Two large networks are never in memory together.
 *
 * <pre>{@code
 * type: reduced-mpl
 * largeTeacher: {backbone: {type: wide-resnet}, optimizer: ..., auxiliaryLosses: [...]}
 * largeTeacherSteps: 5000
 * reducedTeacher: {backbone: {type: mlp, hidden: [64]}, optimizer: ...}
 * student: {backbone: ..., optimizer: ...}       # default: the large teacher's
 * }</pre>
 *
 * @param largeTeacher the large teacher; required
 * @param largeTeacherSteps steps of the {@code large-teacher} phase, {@code >= 1}; required
 * @param reducedTeacher the reduced teacher: its backbone is built for {@code K}-dim inputs; no
 *     auxiliary losses (it sees stored predictions, not views); required
 * @param student the student; backbone and optimizer default to the large teacher's
 * @param pseudoLabels the strategy over the reduced teacher's logits; null (default) for argmax
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
        student =
                (student == null ? new MplStudentConfig(null, null, null, null, null, null) : student)
                        .withDefaultsFrom(largeTeacher);
        feedback = feedback == null ? new FeedbackConfig() : feedback;
        if (feedback.feedbackVariant() != FeedbackVariant.HARD) {
            throw new InvalidConfigException(
                    "feedback.variant",
                    "reduced-mpl supports 'hard' only, got '" + feedback.variant() + "'");
        }
    }

    /**
     * Builds the large and the reduced teacher; the student is created when phase {@code mpl}
     * begins (its backbone is checked now).
     *
     * @param context the data, budget and network factory
     * @return the method
     */
    @Override
    public TrainingMethod create(MethodContext context) {
        return new ReducedMplMethod(this, context);
    }
}
