package org.ssl4j.baselines;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.View;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.HardLabelsConfig;
import org.ssl4j.steps.TeachAndLearnConfig;
import org.ssl4j.steps.TeacherStudentConfig;
import org.ssl4j.steps.TsaSchedule;

/**
 * The {@code pseudo-label} preset: a teacher labels the weak unlabeled view, the student learns
 * from the labeled data and those labels. It expands to a {@code teacher-student} composition
 * with the given teacher and strategy, a {@code cross-entropy} student and one {@code
 * teach-and-learn} phase named {@code train}. FixMatch is teacher {@code self},
 * pseudoLabels {@code hard} with threshold 0.95 and studentView {@code strong}.
 *
 * @param backbone the student's architecture, required
 * @param optimizer the student's optimizer and schedule, required
 * @param teacher who labels; default {@code self}
 * @param pseudoLabels how logits become labels; default {@code hard} with threshold 0
 * @param unlabeledWeight weight of the pseudo-label loss, {@code >= 0}; default 1
 * @param warmupSteps steps over which that weight ramps linearly from 0, {@code >= 0}; default 0
 * @param labelSmoothing label smoothing of the cross-entropies, in [0, 1); default 0
 * @param tsa Training Signal Annealing of the supervised loss: {@code none}, {@code linear},
 *     {@code log} or {@code exp} (see {@link TsaSchedule}); default {@code none}
 * @param studentView the view the student learns the labels on, {@code weak} or {@code strong};
 *     default {@code weak}
 * @param auxiliaryLosses extra terms on the student; default none. They see the logits of the
 *     labeled batch and of the weak view (and of the strong view when the student learns on it
 *     or a term needs it)
 */
public record PseudoLabelConfig(
        BackboneConfig backbone,
        OptimizerConfig optimizer,
        TeacherConfig teacher,
        PseudoLabelStrategyConfig pseudoLabels,
        Double unlabeledWeight,
        Long warmupSteps,
        Double labelSmoothing,
        String tsa,
        String studentView,
        List<AuxiliaryLossConfig> auxiliaryLosses)
        implements MethodConfig {

    /** Checks required fields and ranges, and fills the defaults. */
    public PseudoLabelConfig {
        Checks.required("backbone", backbone);
        Checks.required("optimizer", optimizer);
        teacher = teacher == null ? new SelfTeacherConfig() : teacher;
        pseudoLabels = pseudoLabels == null ? new HardLabelsConfig(0.0) : pseudoLabels;
        unlabeledWeight = unlabeledWeight == null ? 1.0 : unlabeledWeight;
        Checks.nonNegative("unlabeledWeight", unlabeledWeight);
        warmupSteps = warmupSteps == null ? 0L : warmupSteps;
        Checks.nonNegative("warmupSteps", warmupSteps);
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        Checks.belowOne("labelSmoothing", labelSmoothing);
        tsa =
                tsa == null
                        ? TsaSchedule.NONE.configName()
                        : TsaSchedule.fromConfig("tsa", tsa).configName();
        studentView = View.fromConfig("studentView", studentView, View.WEAK).configName();
        auxiliaryLosses = Checks.listOf("auxiliaryLosses", auxiliaryLosses);
    }

    /**
     * @return the composition this preset stands for
     */
    @Override
    public TeacherStudentConfig expand() {
        CrossEntropyStudentConfig student =
                CrossEntropyStudentConfig.builder(backbone, optimizer)
                        .view(view())
                        .unlabeledWeight(unlabeledWeight)
                        .warmupSteps(warmupSteps)
                        .labelSmoothing(labelSmoothing)
                        .tsa(tsaSchedule())
                        .auxiliaryLosses(auxiliaryLosses)
                        .build();
        return new TeacherStudentConfig(
                teacher, student, pseudoLabels, List.of(TeachAndLearnConfig.DEFAULT));
    }

    /**
     * @return {@link #studentView} as an enum
     */
    public View view() {
        return View.fromConfig("studentView", studentView, View.WEAK);
    }

    /**
     * @return {@link #tsa} as an enum
     */
    public TsaSchedule tsaSchedule() {
        return TsaSchedule.fromConfig("tsa", tsa);
    }

    @Override
    public TrainingMethod create(MethodContext context) {
        return expand().create(context);
    }
}
