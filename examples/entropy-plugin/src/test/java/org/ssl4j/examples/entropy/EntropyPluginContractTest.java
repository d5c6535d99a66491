package org.ssl4j.examples.entropy;

import java.util.List;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The plugin passes SSL4J's plugin contract: discovery, SPI version, config serde, ownership, repeatability. */
class EntropyPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return EntropyPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(AuxiliaryLossConfig.class, "{\"type\": \"entropy\"}"),
                ConfigSample.of(AuxiliaryLossConfig.class, "{\"type\": \"entropy\", \"weight\": 0.1}"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"agreement\"}"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"agreement\", \"minAgreement\": 0.5}"));
    }
}
