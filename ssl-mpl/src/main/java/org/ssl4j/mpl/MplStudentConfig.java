package org.ssl4j.mpl;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;

/**
 * The student of Meta Pseudo Labels. It learns only from the teacher's pseudo labels on the
 * strong view; labeled data reaches it through the teacher.
 *
 * @param backbone the student's network; default the teacher's backbone
 * @param optimizer the student's optimizer and schedule; default the teacher's
 * @param labelSmoothing label smoothing of its cross-entropy on hard pseudo labels, in [0, 1);
 *     default 0
 * @param waitSteps steps at the start in which only the teacher learns (on its own losses), {@code
 *     >= 0}; default 0
 * @param ema decay of an exponential moving average of the student's weights that is evaluated
 *     instead of the student, in (0, 1); the decay at the student's update {@code t} is {@code
 *     min(ema, (t + 1) / (t + 10))} as in the official code; default null (no average)
 * @param maxGradNorm clip the global L2 norm of its gradient before each update, {@code > 0};
 *     default null (no clipping)
 */
public record MplStudentConfig(
        BackboneConfig backbone,
        OptimizerConfig optimizer,
        Double labelSmoothing,
        Long waitSteps,
        Double ema,
        Double maxGradNorm) {

    /** Fills defaults that do not depend on the teacher and checks ranges. */
    public MplStudentConfig {
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        Checks.inRange("labelSmoothing", labelSmoothing, 0.0, 0.999);
        waitSteps = waitSteps == null ? 0L : waitSteps;
        Checks.nonNegative("waitSteps", waitSteps);
        if (ema != null) {
            Checks.inRange("ema", ema, 1e-6, 1 - 1e-9);
        }
        if (maxGradNorm != null) {
            Checks.positive("maxGradNorm", maxGradNorm);
        }
    }

    /**
     * @param teacher the teacher, whose backbone and optimizer fill this student's missing ones
     * @return this config with its backbone and optimizer set
     */
    MplStudentConfig withDefaultsFrom(MplTeacherConfig teacher) {
        return new MplStudentConfig(
                backbone == null ? teacher.backbone() : backbone,
                optimizer == null ? teacher.optimizer() : optimizer,
                labelSmoothing,
                waitSteps,
                ema,
                maxGradNorm);
    }
}
