package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;

/** The default labels of the hard variant: the teacher's top class, nothing masked. */
final class ArgmaxLabels implements PseudoLabelStrategy {

    /**
     * @param logits {@code (U, K)} logits, carrying no gradient
     * @return hard labels, a mask of ones and the top-class probability, in {@code logits}' manager
     */
    @Override
    public PseudoLabels label(NDArray logits) {
        NDArray probabilities = logits.softmax(1);
        return new PseudoLabels(
                PseudoLabels.Kind.HARD,
                logits.argMax(1),
                logits.getManager().ones(new ai.djl.ndarray.types.Shape(logits.getShape().get(0))),
                probabilities.max(new int[] {1}));
    }
}
