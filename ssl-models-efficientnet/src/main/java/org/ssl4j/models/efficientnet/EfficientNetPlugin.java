package org.ssl4j.models.efficientnet;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/** The {@code models-efficientnet} plugin: the {@code efficientnet} backbone. */
@AutoService(Ssl4jPlugin.class)
public final class EfficientNetPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public EfficientNetPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "models-efficientnet";
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
                        "efficientnet",
                        EfficientNetConfig.class,
                        "EfficientNet b0-b7, b6-wide and l2 (MBConv, squeeze-and-excitation,"
                                + " stochastic depth), for (C, H, W) images"));
    }
}
