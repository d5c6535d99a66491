package org.ssl4j.api.role;

import java.util.Arrays;
import java.util.Locale;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.UnlabeledBatch;

/** The two augmented views of an unlabeled batch a role can label or learn on. */
public enum View {
    /** The weak augmentation (flip and shift for images). */
    WEAK,
    /** The strong augmentation (RandAugment and the like). */
    STRONG;

    /**
     * @return the word configs use: {@code weak} or {@code strong}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param batch a step's unlabeled batch
     * @return this view of it
     * @throws IllegalStateException when the strong view was not drawn for the step
     */
    public ai.djl.ndarray.NDArray of(UnlabeledBatch batch) {
        if (this == WEAK) {
            return batch.weak();
        }
        if (batch.strong() == null) {
            throw new IllegalStateException("the step has no strong view; the phase did not ask for it");
        }
        return batch.strong();
    }

    /**
     * @param field the config field, for the error
     * @param value {@code weak} or {@code strong}, or null
     * @param fallback what null means
     * @return the view
     * @throws InvalidConfigException for any other word, naming the allowed ones
     */
    public static View fromConfig(String field, String value, View fallback) {
        if (value == null) {
            return fallback;
        }
        for (View view : values()) {
            if (view.configName().equals(value)) {
                return view;
            }
        }
        throw new InvalidConfigException(
                field,
                "must be one of "
                        + Arrays.stream(values()).map(View::configName).toList()
                        + ", got '"
                        + value
                        + "'");
    }
}
