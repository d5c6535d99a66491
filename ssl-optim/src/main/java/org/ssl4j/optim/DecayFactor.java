package org.ssl4j.optim;

import org.ssl4j.api.config.InvalidConfigException;

/** The range check of momentum-like factors, which must lie in the half-open interval [0, 1). */
final class DecayFactor {

    private DecayFactor() {}

    /**
     * @param field the config field's name
     * @param value its value
     * @throws InvalidConfigException unless {@code 0 <= value < 1}
     */
    static void check(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidConfigException(field, "must be in [0, 1), got " + value);
        }
    }
}
