package org.ssl4j.examples.entropy;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/** The example plugin: one auxiliary loss, {@code entropy}. */
@AutoService(Ssl4jPlugin.class)
public final class EntropyPlugin implements Ssl4jPlugin {

    @Override
    public String name() {
        return "entropy-example";
    }

    /** Compiled in from the ssl-api this plugin is built against; the runtime checks it at load. */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Component<AuxiliaryLossConfig>> auxiliaryLosses() {
        return List.of(Component.of(
                "entropy", EntropyConfig.class, "entropy minimisation of the weak view's predictions"));
    }
}
