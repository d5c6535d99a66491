package org.ssl4j.augment;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSpec;

/**
 * The {@code randaugment} augmentation, see {@link RandAugment} and, for the magnitude mapping,
 * {@link RandAugmentOp}. Needs image data.
 *
 * @param n the number of operations per image; default 2, {@code >= 0}
 * @param magnitude the magnitude of the operations; default 10, in {@code 0 .. 30}
 * @param randomMagnitude draw each operation's magnitude uniformly from {@code 1 .. magnitude};
 *     default true
 * @param cutout the side of the cutout square in pixels, 0 for none; default 16, {@code >= 0}
 */
public record RandAugmentConfig(
        Integer n, Integer magnitude, Boolean randomMagnitude, Integer cutout)
        implements AugmentationConfig {

    /** Fills in the defaults and checks the ranges. */
    public RandAugmentConfig {
        n = n == null ? 2 : n;
        magnitude = magnitude == null ? 10 : magnitude;
        randomMagnitude = randomMagnitude == null || randomMagnitude;
        cutout = cutout == null ? 16 : cutout;
        Checks.nonNegative("n", n);
        Checks.inRange("magnitude", magnitude, 0, 30);
        Checks.nonNegative("cutout", cutout);
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link RandAugment} with these settings
     * @throws org.ssl4j.api.config.InvalidConfigException when the examples are not images
     */
    @Override
    public Augmentation create(DataSpec spec) {
        Images.requireImages("randaugment", spec);
        return new RandAugment(n, magnitude, randomMagnitude, cutout);
    }
}
