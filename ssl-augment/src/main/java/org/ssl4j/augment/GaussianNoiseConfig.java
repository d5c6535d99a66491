package org.ssl4j.augment;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSpec;

/**
 * The {@code gaussian-noise} augmentation, see {@link GaussianNoise}. Works on any example shape.
 *
 * @param std the standard deviation of the noise; required, &gt; 0
 */
public record GaussianNoiseConfig(Double std) implements AugmentationConfig {

    /** Checks that the standard deviation is given and positive. */
    public GaussianNoiseConfig {
        Checks.positive("std", Checks.required("std", std));
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link GaussianNoise} with this standard deviation
     */
    @Override
    public Augmentation create(DataSpec spec) {
        return new GaussianNoise(std.floatValue());
    }
}
