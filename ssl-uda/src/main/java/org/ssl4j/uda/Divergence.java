package org.ssl4j.uda;

import java.util.Arrays;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * How the strong view's prediction {@code q} is compared with the target {@code p}. Both give the
 * same gradient in the strong logits; they differ by the target's entropy {@code H(p)}, which
 * shows in the reported value.
 */
public enum Divergence {
    /** {@code KL(p || q) = sum p (log p - log q)}, as in the UDA paper; 0 when q equals p. */
    KL("kl"),
    /** {@code CE(p, q) = -sum p log q = KL(p || q) + H(p)}, as in the MPL code. */
    CROSS_ENTROPY("cross-entropy");

    private final String configName;

    Divergence(String configName) {
        this.configName = configName;
    }

    /**
     * @return the value's name in configs: {@code kl} or {@code cross-entropy}
     */
    public String configName() {
        return configName;
    }

    /**
     * Reads a config value.
     *
     * @param field the config field, for the error
     * @param value {@code kl} or {@code cross-entropy}
     * @return the divergence
     * @throws InvalidConfigException for any other value, listing the allowed ones
     */
    public static Divergence fromConfig(String field, String value) {
        for (Divergence divergence : values()) {
            if (divergence.configName.equals(value)) {
                return divergence;
            }
        }
        List<String> allowed = Arrays.stream(values()).map(Divergence::configName).toList();
        throw new InvalidConfigException(
                field, "must be one of " + allowed + ", got '" + value + "'");
    }
}
