package org.ssl4j.augment;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSpec;

/**
 * The {@code cutout} augmentation, see {@link Cutout}. Needs image data.
 *
 * @param size the side of the erased square in pixels; default 16, &gt; 0
 */
public record CutoutConfig(Integer size) implements AugmentationConfig {

    /** Fills in the default size and checks that it is positive. */
    public CutoutConfig {
        size = size == null ? 16 : size;
        Checks.positive("size", size);
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link Cutout} with this size
     * @throws org.ssl4j.api.config.InvalidConfigException when the examples are not images
     */
    @Override
    public Augmentation create(DataSpec spec) {
        Images.requireImages("cutout", spec);
        return new Cutout(size);
    }
}
