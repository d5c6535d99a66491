package org.ssl4j.baselines;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ssl4j.api.config.InvalidConfigException;

/** Which unlabeled view the student learns the pseudo labels on. */
public enum StudentView {
    /** The weak augmentation, the same view the teacher labels (plain self-training). */
    WEAK,
    /** The strong augmentation (FixMatch). */
    STRONG;

    /**
     * @return the view's name in configs: {@code weak} or {@code strong}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a config value.
     *
     * @param field the config field, for the error
     * @param value {@code weak} or {@code strong}
     * @return the view
     * @throws InvalidConfigException for any other value, listing the allowed ones
     */
    public static StudentView fromConfig(String field, String value) {
        for (StudentView view : values()) {
            if (view.configName().equals(value)) {
                return view;
            }
        }
        List<String> allowed = Arrays.stream(values()).map(StudentView::configName).toList();
        throw new InvalidConfigException(
                field, "must be one of " + allowed + ", got '" + value + "'");
    }
}
