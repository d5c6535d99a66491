package org.ssl4j.baselines;

import org.ssl4j.api.config.InvalidConfigException;

/** Range checks the SPI's {@link org.ssl4j.api.config.Checks} does not have. */
final class Ranges {

    private Ranges() {}

    /**
     * @param field the field name
     * @param value the value
     * @return the value
     * @throws InvalidConfigException unless {@code 0 <= value < 1}
     */
    static double belowOne(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidConfigException(field, "must be in [0, 1), got " + value);
        }
        return value;
    }
}
