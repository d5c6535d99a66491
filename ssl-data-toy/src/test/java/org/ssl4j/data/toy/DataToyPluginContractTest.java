package org.ssl4j.data.toy;

import java.util.List;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The two-moons source passes the plugin contract of the test kit. */
class DataToyPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return DataToyPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(DataSourceConfig.class, "{\"type\": \"two-moons\"}"),
                ConfigSample.of(DataSourceConfig.class, "{\"type\": \"two-moons\", \"examples\": 40,"
                        + " \"labeledPerClass\": 2, \"noise\": 0.2, \"testExamples\": 10}"));
    }
}
