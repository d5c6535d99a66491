package org.ssl4j.examples.entropy;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.TeacherConfig;

/**
 * The example plugin, built against the SPI alone: an auxiliary loss, {@code entropy}, and a
 * teacher, {@code agreement}, which any composition can pick.
 */
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

    @Override
    public List<Component<TeacherConfig>> teachers() {
        return List.of(Component.of(
                "agreement", AgreementTeacherConfig.class, "the student labels the weak view; kept where the strong view agrees"));
    }
}
