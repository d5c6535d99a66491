package org.ssl4j.baselines;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.TeachAndLearnConfig;
import org.ssl4j.steps.TeacherStudentConfig;
import org.ssl4j.steps.TsaSchedule;

/**
 * The {@code supervised} preset: cross-entropy on the labeled data, plus optional auxiliary terms
 * on unlabeled data (UDA is this preset with a {@code uda} term). It expands to a {@code
 * teacher-student} composition without a teacher: a {@code cross-entropy} student and one
 * {@code teach-and-learn} phase named {@code train}.
 *
 * @param backbone the student's architecture, required
 * @param optimizer the student's optimizer and schedule, required
 * @param labelSmoothing label smoothing of the cross-entropy, in [0, 1); default 0
 * @param tsa Training Signal Annealing of the supervised loss: {@code none}, {@code linear},
 *     {@code log} or {@code exp} (see {@link TsaSchedule}); default {@code none}
 * @param auxiliaryLosses extra loss terms; default none. With any, each step also draws {@code
 *     train.batchSize * train.unlabeledRatio} unlabeled examples (and their strong view if a
 *     term needs it)
 */
public record SupervisedConfig(
        BackboneConfig backbone,
        OptimizerConfig optimizer,
        Double labelSmoothing,
        String tsa,
        List<AuxiliaryLossConfig> auxiliaryLosses)
        implements MethodConfig {

    /** Checks required fields and ranges, and fills the defaults. */
    public SupervisedConfig {
        Checks.required("backbone", backbone);
        Checks.required("optimizer", optimizer);
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        Checks.belowOne("labelSmoothing", labelSmoothing);
        tsa =
                tsa == null
                        ? TsaSchedule.NONE.configName()
                        : TsaSchedule.fromConfig("tsa", tsa).configName();
        auxiliaryLosses = Checks.listOf("auxiliaryLosses", auxiliaryLosses);
    }

    /**
     * @return the composition this preset stands for
     */
    @Override
    public TeacherStudentConfig expand() {
        CrossEntropyStudentConfig student =
                CrossEntropyStudentConfig.builder(backbone, optimizer)
                        .labelSmoothing(labelSmoothing)
                        .tsa(tsaSchedule())
                        .auxiliaryLosses(auxiliaryLosses)
                        .build();
        return new TeacherStudentConfig(null, student, null, List.of(TeachAndLearnConfig.DEFAULT));
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
