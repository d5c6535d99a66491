package org.ssl4j.models.basic;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * The {@code models-basic} plugin: the {@code mlp}, {@code small-cnn} and {@code wide-resnet}
 * backbones.
 */
@AutoService(Ssl4jPlugin.class)
public final class ModelsBasicPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public ModelsBasicPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "models-basic";
    }

    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<BackboneConfig>> backbones() {
        return List.of(
                Component.of(
                        "mlp",
                        MlpConfig.class,
                        "multi-layer perceptron on the flattened input, for any example shape"),
                Component.of(
                        "small-cnn",
                        SmallCnnConfig.class,
                        "three 3x3 convolutions with batch norm, for small (C, H, W) images"),
                Component.of(
                        "wide-resnet",
                        WideResNetConfig.class,
                        "wide residual network WRN-depth-width, for (C, H, W) images"));
    }
}
