package org.ssl4j.augment;

import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSpec;

/** The {@code identity} augmentation: no settings; the view is the batch itself. */
public record IdentityConfig() implements AugmentationConfig {

    /**
     * {@inheritDoc}
     *
     * @return an augmentation that returns the batch it is given (the same array, not a copy)
     */
    @Override
    public Augmentation create(DataSpec spec) {
        return (batch, random) -> batch;
    }
}
