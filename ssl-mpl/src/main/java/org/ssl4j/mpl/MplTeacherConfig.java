package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/**
 * A teacher network of the {@code mpl} and {@code reduced-mpl} presets and what it learns from
 * besides the student's feedback.
 *
 * @param backbone its architecture; required
 * @param optimizer its optimizer (and learning-rate schedule); required
 * @param labelSmoothing label smoothing of its cross-entropy on labeled data, in [0, 1); default 0
 * @param auxiliaryLosses extra terms on its own logits (UDA in the paper), each configured with its
 *     own weight and warm-up; default none
 * @param maxGradNorm clip the global L2 norm of its gradient to this before each update, {@code >
 *     0}; default none
 */
public record MplTeacherConfig(
        BackboneConfig backbone,
        OptimizerConfig optimizer,
        Double labelSmoothing,
        List<AuxiliaryLossConfig> auxiliaryLosses,
        Double maxGradNorm) {

    /** Fills defaults and checks ranges. */
    public MplTeacherConfig {
        Checks.required("backbone", backbone);
        Checks.required("optimizer", optimizer);
        labelSmoothing = Checks.belowOne("labelSmoothing", labelSmoothing == null ? 0.0 : labelSmoothing);
        auxiliaryLosses = Checks.listOf("auxiliaryLosses", auxiliaryLosses);
        if (maxGradNorm != null) {
            Checks.positive("maxGradNorm", maxGradNorm);
        }
    }
}
