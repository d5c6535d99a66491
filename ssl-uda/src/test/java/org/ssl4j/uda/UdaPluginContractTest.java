package org.ssl4j.uda;

import java.util.List;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The UDA loss passes the plugin contract of the test kit. */
class UdaPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return UdaPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(AuxiliaryLossConfig.class, "{\"type\": \"uda\"}"),
                ConfigSample.of(AuxiliaryLossConfig.class, "{\"type\": \"uda\", \"weight\": 2.0,"
                        + " \"warmupSteps\": 2, \"temperature\": 1.0, \"threshold\": 0.0}"));
    }
}
