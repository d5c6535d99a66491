package org.ssl4j.mpl;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.OptimizerConfig;

/**
 * The finetune phase after MPL training: the student (its moving average when one is kept) is
 * trained further on labeled data alone, as a network of its own named {@code
 * student-finetuned} with its own optimizer; the teacher and the student are left as they are.
 *
 * @param steps the phase's steps, {@code >= 1}; required
 * @param batchSize labeled examples a step, {@code >= 1}; default {@code train.batchSize}
 * @param optimizer its optimizer and schedule (the paper's code: SGD lr 3e-5, momentum 0.9,
 *     Nesterov); required
 * @param labelSmoothing label smoothing, in [0, 1); default 0
 */
public record FinetuneConfig(
        Long steps, Integer batchSize, OptimizerConfig optimizer, Double labelSmoothing) {

    /** Checks required fields and ranges; the batch size default is filled by the method. */
    public FinetuneConfig {
        Checks.positive("steps", Checks.required("steps", steps));
        if (batchSize != null) {
            Checks.inRange("batchSize", batchSize, 1, 1 << 20);
        }
        Checks.required("optimizer", optimizer);
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        Checks.inRange("labelSmoothing", labelSmoothing, 0.0, 0.999);
    }
}
