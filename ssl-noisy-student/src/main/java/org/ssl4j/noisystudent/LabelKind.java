package org.ssl4j.noisystudent;

import java.util.Arrays;
import org.ssl4j.api.config.InvalidConfigException;

/** How the student learns the teacher's predictions: the whole distribution, or its argmax. */
enum LabelKind {
    /** Cross-entropy against {@code softmax(z / T)} (the Noisy Student scripts' default, T = 1). */
    SOFT("soft"),
    /** Cross-entropy against the argmax class, with the method's label smoothing. */
    HARD("hard");

    private final String configName;

    LabelKind(String configName) {
        this.configName = configName;
    }

    /**
     * @return the name in config files
     */
    String configName() {
        return configName;
    }

    /**
     * @param field the config field, for the error
     * @param name {@code soft} or {@code hard}
     * @return the kind
     * @throws InvalidConfigException for another name
     */
    static LabelKind fromConfig(String field, String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.configName.equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new InvalidConfigException(
                                field, "must be soft or hard, got '" + name + "'"));
    }
}
