package org.ssl4j.augment;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * The {@code augment} plugin: the {@code identity} and {@code gaussian-noise} augmentations for
 * any data, and the image augmentations {@code flip-and-shift} (weak), {@code randaugment}
 * (strong) and {@code cutout}.
 */
@AutoService(Ssl4jPlugin.class)
public final class AugmentPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public AugmentPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "augment";
    }

    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<AugmentationConfig>> augmentations() {
        return List.of(
                Component.of("identity", IdentityConfig.class, "the batch as it is"),
                Component.of(
                        "gaussian-noise",
                        GaussianNoiseConfig.class,
                        "adds independent Gaussian noise to every input value"),
                Component.of(
                        "flip-and-shift",
                        FlipAndShiftConfig.class,
                        "images: random horizontal flip and reflection-padded random shift"),
                Component.of(
                        "randaugment",
                        RandAugmentConfig.class,
                        "images: n random RandAugment operations per image, then cutout"),
                Component.of(
                        "cutout",
                        CutoutConfig.class,
                        "images: one square per image set to the batch mean"));
    }
}
