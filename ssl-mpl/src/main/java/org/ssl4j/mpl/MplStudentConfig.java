package org.ssl4j.mpl;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.View;
import org.ssl4j.steps.CrossEntropyStudentConfig;

/**
 * The student of the {@code mpl} and {@code reduced-mpl} presets: a {@code cross-entropy}
 * student that learns only from the teacher's pseudo labels on the strong view (labeled data
 * reaches it through the teacher) and measures its labeled loss before and after each update.
 *
 * @param backbone its network; default the teacher's backbone
 * @param optimizer its optimizer and schedule; default the teacher's
 * @param labelSmoothing label smoothing of its cross-entropy on hard pseudo labels, in [0, 1);
 *     default 0
 * @param waitSteps steps at the start in which only the teacher learns (on its own losses), {@code
 *     >= 0}; default 0
 * @param ema decay of a moving average of its weights that is evaluated instead of it, in [0, 1),
 *     with the warm-up {@code min(ema, (t + 1) / (t + 10))} of the official code; default none
 * @param maxGradNorm clip the global L2 norm of its gradient before each update, {@code > 0};
 *     default none
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
        labelSmoothing = Checks.belowOne("labelSmoothing", labelSmoothing == null ? 0.0 : labelSmoothing);
        waitSteps = Checks.nonNegative("waitSteps", waitSteps == null ? 0L : waitSteps);
        if (ema != null) {
            Checks.belowOne("ema", ema);
        }
        if (maxGradNorm != null) {
            Checks.positive("maxGradNorm", maxGradNorm);
        }
    }

    /** A student with every default. */
    public MplStudentConfig() {
        this(null, null, null, null, null, null);
    }

    /**
     * @param teacher the teacher whose backbone and optimizer fill this student's missing ones
     * @return the {@code cross-entropy} student it stands for
     */
    CrossEntropyStudentConfig toCrossEntropy(MplTeacherConfig teacher) {
        return CrossEntropyStudentConfig.builder(
                        backbone == null ? teacher.backbone() : backbone,
                        optimizer == null ? teacher.optimizer() : optimizer)
                .view(View.STRONG)
                .labeledLoss(false)
                .measureFeedback(true)
                .labelSmoothing(labelSmoothing)
                .ema(ema)
                .maxGradNorm(maxGradNorm)
                .waitSteps(waitSteps)
                .build();
    }
}
