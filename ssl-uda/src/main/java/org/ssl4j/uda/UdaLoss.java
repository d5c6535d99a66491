package org.ssl4j.uda;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.nd.Scalars;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;

/**
 * The UDA consistency term. For {@code U} unlabeled examples with weak logits {@code w} and strong
 * logits {@code s}, both {@code (U, K)}:
 *
 * <pre>
 * p      = softmax(w / temperature)                  target, no gradient
 * mask_i = max_k (softmax(w) or p)_ik &gt; threshold   per maskOn, 0 or 1, no gradient
 * d_i    = KL(p_i || softmax(s_i))  or  -sum_k p_ik log softmax(s_i)_k
 * term   = w_t * (1/U) sum_i mask_i d_i              masked examples count as zeros
 * w_t    = weight * min(1, (t + 1) / warmupSteps)    t = the step; weight when warmupSteps is 0
 * </pre>
 *
 * <p>The gradient flows only into the strong logits. Created by {@link UdaConfig#create}.
 */
public final class UdaLoss implements AuxiliaryLoss {

    private final double weight;
    private final int warmupSteps;
    private final float temperature;
    private final float threshold;
    private final MaskSource maskOn;
    private final Divergence divergence;

    /**
     * @param weight the weight after warm-up, at least 0
     * @param warmupSteps the length of the linear ramp of the weight, 0 for none
     * @param temperature the target's sharpening, greater than 0
     * @param threshold the confidence an example must exceed to count, in [0, 1]
     * @param maskOn which distribution's largest probability is compared with the threshold
     * @param divergence how the strong prediction is compared with the target
     */
    UdaLoss(
            double weight,
            int warmupSteps,
            double temperature,
            double threshold,
            MaskSource maskOn,
            Divergence divergence) {
        this.weight = weight;
        this.warmupSteps = warmupSteps;
        this.temperature = (float) temperature;
        this.threshold = (float) threshold;
        this.maskOn = maskOn;
        this.divergence = divergence;
    }

    /**
     * @return {@code uda}
     */
    @Override
    public String name() {
        return "uda";
    }

    /**
     * Computes the weighted term from the weak and strong logits of one forward pass; the labeled
     * logits are not used. Every array it creates lands in the manager of the logits (the step's
     * manager), which the runtime closes.
     *
     * @param inputs the forward passes; {@code weakLogits} and {@code strongLogits} {@code (U,
     *     K)} are required
     * @param context the step, whose index drives the warm-up
     * @return a scalar, differentiable in {@code strongLogits} only
     * @throws IllegalStateException when the weak or the strong logits are missing
     */
    @Override
    public NDArray compute(AuxiliaryInputs inputs, StepContext context) {
        NDArray weakLogits = inputs.weakLogits();
        NDArray strongLogits = inputs.strongLogits();
        if (weakLogits == null || strongLogits == null) {
            String missing =
                    weakLogits == null && strongLogits == null
                            ? "no weak and no strong view"
                            : weakLogits == null ? "no weak view" : "no strong view";
            throw new IllegalStateException(
                    "uda needs the logits of the weak and the strong unlabeled views; the method"
                            + " gave "
                            + missing);
        }
        NDArray weak = weakLogits.stopGradient();
        NDArray logTarget = weak.div(temperature).logSoftmax(1);
        NDArray target = logTarget.exp();
        NDArray confidence =
                (maskOn == MaskSource.RAW ? weak.softmax(1) : target).max(new int[] {1});
        NDArray mask = confidence.gt(threshold).toType(weak.getDataType(), false);
        NDArray perExample = Losses.softCrossEntropy(strongLogits, target);
        if (divergence == Divergence.KL) {
            perExample = perExample.add(target.mul(logTarget).sum(new int[] {1}));
        }
        return Scalars.times(Losses.maskedMean(perExample, mask), weightAt(context.step()));
    }

    /**
     * @return {@code true}: the term compares the weak and the strong view
     */
    @Override
    public boolean needsStrongView() {
        return true;
    }

    /**
     * The weight of the term at a step.
     *
     * @param step the step's index within its phase, from 0
     * @return {@code weight * min(1, (step + 1) / warmupSteps)}, or {@code weight} when {@code
     *     warmupSteps} is 0
     */
    public double weightAt(long step) {
        if (warmupSteps == 0) {
            return weight;
        }
        return weight * Math.min(1.0, (step + 1) / (double) warmupSteps);
    }
}
