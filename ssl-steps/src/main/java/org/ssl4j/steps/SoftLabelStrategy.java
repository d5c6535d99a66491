package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;

/**
 * Soft pseudo labels: the teacher's softmax at a temperature, masked where the top-class
 * probability of the plain softmax is below a threshold (UDA's sharpening and confidence mask).
 */
public final class SoftLabelStrategy implements PseudoLabelStrategy {

    private final float temperature;
    private final float threshold;

    /**
     * @param temperature divides the logits before the softmax, {@code > 0}
     * @param threshold the smallest top-class probability kept, in [0, 1]
     */
    public SoftLabelStrategy(float temperature, float threshold) {
        this.temperature = temperature;
        this.threshold = threshold;
    }

    /**
     * Labels a batch.
     *
     * @param logits the teacher's {@code (U, K)} logits; their gradient is stopped
     * @return {@link PseudoLabels.Kind#SOFT} labels: {@code (U, K)} rows of {@code
     *     softmax(logits / temperature)}, a {@code (U)} float32 mask of {@code confidence >=
     *     threshold} and the {@code (U)} top-class probabilities of {@code softmax(logits)}, all
     *     in {@code logits}' manager
     */
    @Override
    public PseudoLabels label(NDArray logits) {
        NDArray fixed = logits.stopGradient();
        NDArray confidence = fixed.softmax(1).max(new int[] {1});
        NDArray targets = fixed.div(temperature).softmax(1);
        NDArray mask = confidence.gte(threshold).toType(DataType.FLOAT32, false);
        return new PseudoLabels(PseudoLabels.Kind.SOFT, targets, mask, confidence);
    }
}
