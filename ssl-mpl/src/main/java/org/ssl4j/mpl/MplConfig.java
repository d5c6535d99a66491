package org.ssl4j.mpl;

import java.util.ArrayList;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.steps.FinetuneConfig;
import org.ssl4j.steps.TeachAndLearnConfig;
import org.ssl4j.steps.TeacherStudentConfig;

/**
 * The {@code mpl} preset, Meta Pseudo Labels: a teacher and a student network with their own
 * optimizers; the teacher labels the strong view of the unlabeled batch, the student learns from
 * those labels, and the teacher learns from its labeled loss, its auxiliary losses and the change
 * the labels made to the student's labeled loss. The student (or its moving average, or its
 * finetuned copy) is evaluated.
 *
 * <pre>{@code
 * type: mpl
 * teacher: {backbone: ..., optimizer: ..., labelSmoothing: 0.15, auxiliaryLosses: [{type: uda, ...}]}
 * student: {waitSteps: 3000, ema: 0.995}        # backbone and optimizer default to the teacher's
 * pseudoLabels: {type: hard}                    # any registered strategy; default hard, threshold 0
 * feedback: {variant: hard, baselineRate: 0.01} # or {variant: soft-exact, temperature: 1}
 * finetune: {steps: 5000, optimizer: ...}       # optional
 * }</pre>
 *
 * It expands to a {@code teacher-student} composition: the {@code meta} teacher, a {@code
 * cross-entropy} student on the strong view without labeled loss that measures its feedback, the
 * strategy, and the phases {@code mpl} ({@code teach-and-learn}, or {@code soft-exact}) and, when
 * configured, {@code finetune}.
 *
 * @param teacher the teacher; required
 * @param student the student; default a student with the teacher's backbone and optimizer
 * @param pseudoLabels the strategy that turns the teacher's strong-view logits into labels for
 *     the hard variant; default {@code hard} with threshold 0 (the argmax, nothing masked); must
 *     be left out for {@code soft-exact}, which makes its own soft labels
 * @param feedback the feedback rule; default {@code hard} without a baseline
 * @param finetune a {@code finetune} phase after MPL; default none
 */
public record MplConfig(
        MplTeacherConfig teacher,
        MplStudentConfig student,
        PseudoLabelStrategyConfig pseudoLabels,
        FeedbackConfig feedback,
        Finetune finetune)
        implements MethodConfig {

    /** The MPL phase's name. */
    static final String PHASE = "mpl";

    /**
     * The {@code finetune} phase after MPL, as the preset spells it (no {@code type}).
     *
     * @param steps its steps, required
     * @param batchSize labeled examples a step; default {@code train.batchSize}
     * @param optimizer its optimizer, required
     * @param labelSmoothing in [0, 1); default 0
     */
    public record Finetune(Long steps, Integer batchSize, OptimizerConfig optimizer, Double labelSmoothing) {

        /** Checks the fields as the {@code finetune} phase does, and fills its defaults. */
        public Finetune {
            labelSmoothing = phase(steps, batchSize, optimizer, labelSmoothing).labelSmoothing();
        }

        private static FinetuneConfig phase(Long steps, Integer batchSize, OptimizerConfig optimizer, Double labelSmoothing) {
            return new FinetuneConfig(null, steps, batchSize, optimizer, labelSmoothing);
        }

        /**
         * @return the phase it stands for
         */
        public FinetuneConfig phase() {
            return phase(steps, batchSize, optimizer, labelSmoothing);
        }
    }

    /** Fills defaults and checks that the parts fit together. */
    public MplConfig {
        Checks.required("teacher", teacher);
        student = student == null ? new MplStudentConfig() : student;
        feedback = feedback == null ? new FeedbackConfig() : feedback;
        if (feedback.softExact() && pseudoLabels != null) {
            throw new InvalidConfigException(
                    "pseudoLabels",
                    "the soft-exact feedback makes its own labels, softmax(strong logits /"
                            + " feedback.temperature); remove pseudoLabels or use feedback.variant:"
                            + " hard");
        }
    }

    /**
     * @return the composition this preset stands for
     */
    @Override
    public TeacherStudentConfig expand() {
        List<PhaseConfig> phases = new ArrayList<>();
        phases.add(
                feedback.softExact()
                        ? new SoftExactConfig(PHASE, null, feedback.temperature(), feedback.finiteDifferenceStep())
                        : TeachAndLearnConfig.named(PHASE));
        if (finetune != null) {
            phases.add(finetune.phase());
        }
        MetaTeacherConfig meta =
                new MetaTeacherConfig(
                        teacher.backbone(),
                        teacher.optimizer(),
                        teacher.labelSmoothing(),
                        teacher.auxiliaryLosses(),
                        teacher.maxGradNorm(),
                        feedback.teacherFeedback(),
                        null,
                        null);
        return new TeacherStudentConfig(meta, student.toCrossEntropy(teacher), pseudoLabels, phases);
    }

    @Override
    public TrainingMethod create(MethodContext context) {
        return expand().create(context);
    }
}
