package org.ssl4j.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * What the runtime does when a step's loss or a network's gradient is NaN or infinite (the
 * config's {@code train.onNonFinite}). Under both policies a network never applies an update
 * whose gradients are not finite, so its parameters stay finite.
 */
public enum NonFinitePolicy {
    /** Stop the run with a message naming the step, the loss terms and the network; the last
     * good checkpoint stays the newest one. */
    STOP,
    /** Skip the offending updates, report the step, and go on. */
    SKIP;

    /**
     * @return the name in config files: {@code stop} or {@code skip}
     */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name {@code stop} or {@code skip}
     * @return the policy
     * @throws InvalidConfigException naming {@code onNonFinite} and the allowed values
     */
    @JsonCreator
    public static NonFinitePolicy of(String name) {
        return Arrays.stream(values())
                .filter(p -> p.configName().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new InvalidConfigException("onNonFinite", "must be stop or skip, got '" + name + "'"));
    }
}
