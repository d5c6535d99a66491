package org.ssl4j.augment;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSpec;

/**
 * The {@code flip-and-shift} augmentation, see {@link FlipAndShift}. Needs image data.
 *
 * @param flip flip horizontally with probability 0.5; default true
 * @param pad the largest shift in pixels (reflection padding, then a random crop); default 4,
 *     {@code >= 0}, and less than the images' height and width
 */
public record FlipAndShiftConfig(Boolean flip, Integer pad) implements AugmentationConfig {

    /** Fills in the defaults and checks that the padding is not negative. */
    public FlipAndShiftConfig {
        flip = flip == null || flip;
        pad = pad == null ? 4 : pad;
        Checks.nonNegative("pad", pad);
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link FlipAndShift} with these settings
     * @throws InvalidConfigException when the examples are not images, or when {@code pad} is
     *     not less than their height and width (reflection cannot reach that far)
     */
    @Override
    public Augmentation create(DataSpec spec) {
        Images.requireImages("flip-and-shift", spec);
        long smallerSide = Math.min(spec.exampleShape().get(1), spec.exampleShape().get(2));
        if (pad >= smallerSide) {
            throw new InvalidConfigException(
                    "pad",
                    "must be less than the images' height and width ("
                            + smallerSide
                            + "), got "
                            + pad);
        }
        return new FlipAndShift(flip, pad);
    }
}
