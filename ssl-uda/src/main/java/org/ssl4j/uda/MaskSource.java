package org.ssl4j.uda;

import java.util.Arrays;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;

/** Which weak-view distribution's largest probability the confidence threshold is applied to. */
public enum MaskSource {
    /** The plain softmax of the weak logits, as in the UDA paper. */
    RAW("raw"),
    /** The sharpened target {@code softmax(weak / temperature)}, as in the MPL code. */
    SHARPENED("sharpened");

    private final String configName;

    MaskSource(String configName) {
        this.configName = configName;
    }

    /**
     * @return the value's name in configs: {@code raw} or {@code sharpened}
     */
    public String configName() {
        return configName;
    }

    /**
     * Reads a config value.
     *
     * @param field the config field, for the error
     * @param value {@code raw} or {@code sharpened}
     * @return the mask source
     * @throws InvalidConfigException for any other value, listing the allowed ones
     */
    public static MaskSource fromConfig(String field, String value) {
        for (MaskSource source : values()) {
            if (source.configName.equals(value)) {
                return source;
            }
        }
        List<String> allowed = Arrays.stream(values()).map(MaskSource::configName).toList();
        throw new InvalidConfigException(
                field, "must be one of " + allowed + ", got '" + value + "'");
    }
}
