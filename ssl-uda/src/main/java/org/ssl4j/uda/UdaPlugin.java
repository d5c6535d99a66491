package org.ssl4j.uda;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/** The {@code uda} plugin: the {@code uda} consistency loss. */
@AutoService(Ssl4jPlugin.class)
public final class UdaPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public UdaPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "uda";
    }

    /** {@inheritDoc} */
    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<AuxiliaryLossConfig>> auxiliaryLosses() {
        return List.of(
                Component.of(
                        "uda",
                        UdaConfig.class,
                        "UDA consistency: the strong view's prediction follows the sharpened,"
                                + " confidence-masked prediction on the weak view"));
    }
}
