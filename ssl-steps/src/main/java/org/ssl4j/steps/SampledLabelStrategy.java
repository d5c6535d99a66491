package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;

/**
 * Draws one class per example from {@code softmax(logits / temperature)} with the Gumbel-max
 * trick ({@code argmax(logits / T - log(-log u))}, {@code u} uniform), using the engine's random
 * generator, which the run seeds: repeatable on the CPU.
 */
final class SampledLabelStrategy implements PseudoLabelStrategy {

    private static final float TINY = 1e-20f;

    private final float temperature;

    /**
     * @param temperature the divisor of the logits, {@code > 0}
     */
    SampledLabelStrategy(float temperature) {
        this.temperature = temperature;
    }

    /**
     * @param logits {@code (U, K)} logits carrying no gradient
     * @return sampled hard labels, a mask of ones, and the teacher's top-class probability, in
     *     {@code logits}' manager
     */
    @Override
    public PseudoLabels label(NDArray logits) {
        NDManager manager = logits.getManager();
        NDArray uniform = manager.randomUniform(TINY, 1f, logits.getShape());
        NDArray gumbel = uniform.log().neg().add(TINY).log().neg();
        NDArray labels = logits.div(temperature).add(gumbel).argMax(1);
        return new PseudoLabels(
                PseudoLabels.Kind.HARD,
                labels,
                manager.ones(labels.getShape()),
                logits.softmax(1).max(new int[] {1}));
    }
}
