package org.ssl4j.mpl;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;

/**
 * Meta Pseudo Labels, method type {@code mpl}: a teacher and a student network with their own
 * optimizers; the teacher labels the strong view of the unlabeled batch, the student learns from
 * those labels, and the teacher learns from its labeled loss, its auxiliary losses and the change
 * the labels made to the student's labeled loss. The student (or its moving average, or its
 * finetuned copy) is evaluated.
 *
 * <pre>{@code
 * type: mpl
 * teacher: {backbone: ..., optimizer: ..., labelSmoothing: 0.15, auxiliaryLosses: [{type: uda, ...}]}
 * student: {waitSteps: 3000, ema: 0.995}        # backbone and optimizer default to the teacher's
 * pseudoLabels: {type: hard}                    # any registered strategy; default argmax
 * feedback: {variant: hard, baselineRate: 0.01} # or {variant: soft-exact, temperature: 1}
 * finetune: {steps: 5000, optimizer: ...}       # optional
 * }</pre>
 *
 * @param teacher the teacher; required
 * @param student the student; default a student with the teacher's backbone and optimizer
 * @param pseudoLabels the strategy that turns the teacher's strong-view logits into labels for
 *     the hard variant; null (the default) for argmax with nothing masked; must be null for
 *     {@code soft-exact}, which makes its own soft labels
 * @param feedback the feedback rule; default {@code hard} without a baseline
 * @param finetune a finetune phase after MPL; default none
 */
public record MplConfig(
        MplTeacherConfig teacher,
        MplStudentConfig student,
        PseudoLabelStrategyConfig pseudoLabels,
        FeedbackConfig feedback,
        FinetuneConfig finetune)
        implements MethodConfig {

    /** Fills defaults and checks that the parts fit together. */
    public MplConfig {
        Checks.required("teacher", teacher);
        student =
                (student == null ? new MplStudentConfig(null, null, null, null, null, null) : student)
                        .withDefaultsFrom(teacher);
        feedback = feedback == null ? new FeedbackConfig() : feedback;
        if (feedback.feedbackVariant() == FeedbackVariant.SOFT_EXACT && pseudoLabels != null) {
            throw new InvalidConfigException(
                    "pseudoLabels",
                    "the soft-exact feedback makes its own labels, softmax(strong logits /"
                            + " feedback.temperature); remove pseudoLabels or use feedback.variant:"
                            + " hard");
        }
    }

    /**
     * Builds the teacher, the student, their optimizers and (if configured) the moving average and
     * the finetuned copy.
     *
     * @param context the data, budget and network factory
     * @return the method
     * @throws InvalidConfigException when {@code train.unlabeledRatio} is 0
     */
    @Override
    public TrainingMethod create(MethodContext context) {
        return new MplMethod(this, context);
    }
}
