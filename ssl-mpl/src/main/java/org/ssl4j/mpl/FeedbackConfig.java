package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * How the student's feedback reaches the teacher, in the {@code mpl} and {@code reduced-mpl}
 * presets.
 *
 * @param variant {@code hard} (the {@code meta} teacher's rule, in a {@code teach-and-learn}
 *     phase) or {@code soft-exact} (a {@code soft-exact} phase); default {@code hard}
 * @param baselineRate hard variant: the rate of the moving-average baseline of the feedback (see
 *     {@link MetaTeacherConfig.Feedback}), in [0, 1]; default 0
 * @param temperature soft-exact variant: the pseudo labels are {@code softmax(strong logits /
 *     temperature)}, {@code > 0}; default 1
 * @param finiteDifferenceStep soft-exact variant: the L2 length of the parameter perturbation of
 *     the central difference, {@code > 0}; default 0.001
 */
public record FeedbackConfig(
        String variant, Double baselineRate, Double temperature, Double finiteDifferenceStep) {

    /** The variants' names. */
    static final String HARD = "hard";

    static final String SOFT_EXACT = "soft-exact";

    /** Fills defaults and checks ranges. */
    public FeedbackConfig {
        variant = variant == null ? HARD : variant;
        if (!List.of(HARD, SOFT_EXACT).contains(variant)) {
            throw new InvalidConfigException(
                    "variant", "must be one of [" + HARD + ", " + SOFT_EXACT + "], got '" + variant + "'");
        }
        baselineRate = new MetaTeacherConfig.Feedback(baselineRate).baselineRate();
        temperature = Checks.positive("temperature", temperature == null ? 1.0 : temperature);
        finiteDifferenceStep =
                Checks.positive("finiteDifferenceStep", finiteDifferenceStep == null ? 1e-3 : finiteDifferenceStep);
    }

    /** Defaults: hard feedback, no baseline. */
    public FeedbackConfig() {
        this(null, null, null, null);
    }

    /**
     * @return whether the variant is {@code soft-exact}
     */
    boolean softExact() {
        return SOFT_EXACT.equals(variant);
    }

    /**
     * @return the {@code meta} teacher's part of it
     */
    MetaTeacherConfig.Feedback teacherFeedback() {
        return new MetaTeacherConfig.Feedback(baselineRate);
    }
}
