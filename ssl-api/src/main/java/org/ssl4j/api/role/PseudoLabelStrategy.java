package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;

/**
 * Turns a teacher's logits into {@link PseudoLabels}: argmax, sampling, temperature sharpening,
 * a confidence threshold. A pure function of its input (and the engine's seeded generator when
 * it samples).
 */
public interface PseudoLabelStrategy {

    /**
     * @param logits the teacher's {@code (U, K)} logits; the strategy stops their gradient
     * @return the pseudo labels, in {@code logits}' manager
     */
    PseudoLabels label(NDArray logits);
}
