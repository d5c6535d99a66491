package org.ssl4j.uda;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/**
 * The {@code uda} auxiliary loss: the prediction on the strong view of an unlabeled example is
 * pulled towards the sharpened prediction on its weak view, where that prediction is confident
 * (see {@link UdaLoss} for the formula).
 *
 * @param weight the term's weight after warm-up; default 1.0, at least 0
 * @param warmupSteps steps over which the weight ramps up linearly, {@code weight * min(1, (step
 *     + 1) / warmupSteps)}; default 0 (no ramp), at least 0
 * @param temperature the target's sharpening, {@code softmax(weak / temperature)}; default 0.4,
 *     greater than 0 (1 leaves the prediction as it is)
 * @param threshold examples whose confidence (largest probability, see {@code maskOn}) is not
 *     above it contribute 0; default 0.8, in [0, 1]
 * @param maskOn the distribution whose largest probability is compared with the threshold:
 *     {@code raw} (the weak view's softmax, as in the UDA paper) or {@code sharpened} (the target,
 *     as in the MPL code); default {@code raw}
 * @param divergence {@code kl} (KL(target || strong), as in the UDA paper) or {@code
 *     cross-entropy} (as in the MPL code); same gradient, values differ by the target's entropy;
 *     default {@code kl}
 */
public record UdaConfig(
        Double weight,
        Integer warmupSteps,
        Double temperature,
        Double threshold,
        String maskOn,
        String divergence)
        implements AuxiliaryLossConfig {

    /** Applies the defaults and checks the ranges and the named choices. */
    public UdaConfig {
        weight = weight == null ? 1.0 : weight;
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
        temperature = temperature == null ? 0.4 : temperature;
        threshold = threshold == null ? 0.8 : threshold;
        maskOn = maskOn == null ? MaskSource.RAW.configName() : maskOn;
        divergence = divergence == null ? Divergence.KL.configName() : divergence;
        Checks.nonNegative("weight", weight);
        Checks.nonNegative("warmupSteps", warmupSteps);
        Checks.positive("temperature", temperature);
        Checks.inUnitInterval("threshold", threshold);
        MaskSource.fromConfig("maskOn", maskOn);
        Divergence.fromConfig("divergence", divergence);
    }

    /**
     * Creates the loss term; it holds no arrays and works for any number of classes.
     *
     * @param data the data's spec (not used)
     * @return the {@code uda} term
     */
    @Override
    public UdaLoss create(DataSpec data) {
        return new UdaLoss(
                weight,
                warmupSteps,
                temperature,
                threshold,
                MaskSource.fromConfig("maskOn", maskOn),
                Divergence.fromConfig("divergence", divergence));
    }
}
