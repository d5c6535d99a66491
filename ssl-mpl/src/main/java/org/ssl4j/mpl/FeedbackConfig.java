package org.ssl4j.mpl;

import org.ssl4j.api.config.Checks;

/**
 * How the student's feedback reaches the teacher.
 *
 * @param variant {@code hard} or {@code soft-exact} ({@link FeedbackVariant}); default {@code
 *     hard}
 * @param baselineRate hard variant: the rate {@code r} of a moving-average baseline {@code b} of
 *     the feedback, {@code b <- b + r (h - b)}; the teacher uses {@code h - b} with the baseline of
 *     the steps before. In [0, 1]; default 0 (no baseline). The official code uses 0.01.
 * @param temperature soft-exact variant: the pseudo labels are {@code softmax(strong logits /
 *     temperature)}, {@code > 0}; default 1
 * @param finiteDifferenceStep soft-exact variant: the L2 length of the parameter perturbation of
 *     the central difference, {@code > 0}; default 0.001
 */
public record FeedbackConfig(
        String variant, Double baselineRate, Double temperature, Double finiteDifferenceStep) {

    /** Fills defaults and checks ranges. */
    public FeedbackConfig {
        variant = variant == null ? FeedbackVariant.HARD.configName() : variant;
        FeedbackVariant.fromConfig("variant", variant);
        baselineRate = baselineRate == null ? 0.0 : baselineRate;
        Checks.inUnitInterval("baselineRate", baselineRate);
        temperature = temperature == null ? 1.0 : temperature;
        Checks.positive("temperature", temperature);
        finiteDifferenceStep = finiteDifferenceStep == null ? 1e-3 : finiteDifferenceStep;
        Checks.positive("finiteDifferenceStep", finiteDifferenceStep);
    }

    /** Defaults: hard feedback, no baseline. */
    public FeedbackConfig() {
        this(null, null, null, null);
    }

    /**
     * @return the variant as an enum
     */
    public FeedbackVariant feedbackVariant() {
        return FeedbackVariant.fromConfig("variant", variant);
    }
}
