package org.ssl4j.steps;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;

/**
 * Config of the {@code finetune} phase ({@link FinetunePhase}): the network the phases before it
 * produced (the student, or its moving average) is copied into a network of its own named
 * {@code student-finetuned} and trained on labeled data alone, with its own optimizer.
 *
 * @param name the phase's name; default {@code finetune}
 * @param steps the phase's steps, {@code >= 1}; required
 * @param batchSize labeled examples a step, {@code >= 1}; default {@code train.batchSize}
 * @param optimizer its optimizer and schedule (the MPL paper's code: SGD lr 3e-5, momentum 0.9,
 *     Nesterov); required
 * @param labelSmoothing label smoothing, in [0, 1); default 0
 */
public record FinetuneConfig(
        String name, Long steps, Integer batchSize, OptimizerConfig optimizer, Double labelSmoothing)
        implements PhaseConfig {

    /** The name of the finetuned network. */
    public static final String NETWORK = "student-finetuned";

    /** Checks required fields and ranges, and fills the defaults. */
    public FinetuneConfig {
        name = name == null ? "finetune" : name;
        Checks.positive("steps", Checks.required("steps", steps));
        if (batchSize != null) {
            Checks.inRange("batchSize", batchSize, 1, 1 << 20);
        }
        Checks.required("optimizer", optimizer);
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        Checks.belowOne("labelSmoothing", labelSmoothing);
    }

    /** Creates the network {@code student-finetuned} with the student's backbone. */
    @Override
    public List<Phase> create(PhaseSetup setup) {
        Network student = setup.student().network();
        Network finetuned = setup.method().trainable(NETWORK, student.backbone(), optimizer, steps);
        int size = batchSize == null ? setup.method().budget().batchSize() : batchSize;
        return List.of(
                new FinetunePhase(name, finetuned, setup.previous(), steps, size, labelSmoothing.floatValue()));
    }
}
