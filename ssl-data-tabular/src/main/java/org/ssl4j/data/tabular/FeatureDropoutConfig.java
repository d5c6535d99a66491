package org.ssl4j.data.tabular;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSpec;

/**
 * The {@code feature-dropout} augmentation, see {@link FeatureDropout}. Works on any example
 * shape.
 *
 * @param p the probability of dropping a value; required, in [0, 1]
 */
public record FeatureDropoutConfig(Double p) implements AugmentationConfig {

    /** Checks that the probability is given and in [0, 1]. */
    public FeatureDropoutConfig {
        Checks.inUnitInterval("p", Checks.required("p", p));
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link FeatureDropout} with this probability
     */
    @Override
    public Augmentation create(DataSpec spec) {
        return new FeatureDropout(p.floatValue());
    }
}
