package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;

/**
 * Hard pseudo labels: the argmax of the teacher's softmax, masked where its probability is below
 * a threshold (FixMatch uses 0.95).
 */
public final class HardLabelStrategy implements PseudoLabelStrategy {

    private final float threshold;

    /**
     * @param threshold the smallest top-class probability kept, in [0, 1]
     */
    public HardLabelStrategy(float threshold) {
        this.threshold = threshold;
    }

    /**
     * Labels a batch.
     *
     * @param logits the teacher's {@code (U, K)} logits; their gradient is stopped
     * @return {@link PseudoLabels.Kind#HARD} labels: {@code (U)} int32 class ids, a {@code (U)}
     *     float32 mask of {@code confidence >= threshold} and the {@code (U)} top-class
     *     probabilities, all in {@code logits}' manager
     */
    @Override
    public PseudoLabels label(NDArray logits) {
        NDArray probabilities = logits.stopGradient().softmax(1);
        NDArray confidence = probabilities.max(new int[] {1});
        NDArray targets = probabilities.argMax(1).toType(DataType.INT32, false);
        NDArray mask = confidence.gte(threshold).toType(DataType.FLOAT32, false);
        return new PseudoLabels(PseudoLabels.Kind.HARD, targets, mask, confidence);
    }
}
