package org.ssl4j.mpl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ssl4j.api.config.InvalidConfigException;

/** How the teacher turns the student's feedback into a gradient. */
public enum FeedbackVariant {
    /**
     * Hard (or sampled) pseudo labels; the teacher's extra term is {@code h * CE(strong logits,
     * labels)} with {@code h} the drop in the student's labeled loss (see {@link MetaTeacher}).
     */
    HARD("hard"),
    /**
     * Soft pseudo labels; the teacher gets the exact gradient of the student's labeled loss after
     * one SGD step on those labels (see {@link ExactSoftPhase}). Costs a copy of the student's
     * parameters and three extra forward passes a step: for small problems.
     */
    SOFT_EXACT("soft-exact");

    private final String configName;

    FeedbackVariant(String configName) {
        this.configName = configName;
    }

    /**
     * @return the name used in configs
     */
    public String configName() {
        return configName;
    }

    /**
     * @param field the config field, for the error
     * @param value the name from the config
     * @return the variant
     * @throws InvalidConfigException naming the allowed names when {@code value} is none of them
     */
    public static FeedbackVariant fromConfig(String field, String value) {
        for (FeedbackVariant variant : values()) {
            if (variant.configName.equals(value.toLowerCase(Locale.ROOT))) {
                return variant;
            }
        }
        List<String> allowed = Arrays.stream(values()).map(FeedbackVariant::configName).toList();
        throw new InvalidConfigException(field, "must be one of " + allowed + ", got '" + value + "'");
    }
}
