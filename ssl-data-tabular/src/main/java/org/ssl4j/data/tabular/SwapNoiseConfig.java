package org.ssl4j.data.tabular;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSpec;

/**
 * The {@code swap-noise} augmentation, see {@link SwapNoise}. Needs rows: examples of shape
 * {@code (D)}.
 *
 * @param p the probability of swapping a value; required, in [0, 1]
 */
public record SwapNoiseConfig(Double p) implements AugmentationConfig {

    /** Checks that the probability is given and in [0, 1]. */
    public SwapNoiseConfig {
        Checks.inUnitInterval("p", Checks.required("p", p));
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidConfigException when the examples are not rows of a table
     */
    @Override
    public Augmentation create(DataSpec spec) {
        if (spec.exampleShape().dimension() != 1) {
            throw new InvalidConfigException(
                    "type", "swap-noise needs table rows, examples of shape (D), but the data's examples have shape "
                            + spec.exampleShape());
        }
        return new SwapNoise(p.floatValue());
    }
}
