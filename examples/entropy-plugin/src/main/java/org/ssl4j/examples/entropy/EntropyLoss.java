package org.ssl4j.examples.entropy;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;

/**
 * Entropy minimisation (Grandvalet and Bengio, 2005): {@code weight * mean_i H(softmax(z_i))}
 * over the logits {@code z} of the weak unlabeled view, with {@code H(p) = -sum_k p_k log p_k}.
 * Minimising it pushes the decision boundary away from dense regions of unlabeled data.
 */
final class EntropyLoss implements AuxiliaryLoss {

    private final float weight;

    /**
     * @param weight the term's weight
     */
    EntropyLoss(float weight) {
        this.weight = weight;
    }

    @Override
    public String name() {
        return "entropy";
    }

    /**
     * @return a scalar in the weak logits' manager, differentiable in them
     * @throws IllegalStateException when the method computed no weak logits
     */
    @Override
    public NDArray compute(AuxiliaryInputs inputs, StepContext context) {
        NDArray logits = inputs.weakLogits();
        if (logits == null) {
            throw new IllegalStateException("the entropy loss needs the weak view's logits");
        }
        NDArray logP = logits.logSoftmax(1);
        return logP.exp().mul(logP).sum(new int[] {1}).neg().mean().mul(weight);
    }
}
