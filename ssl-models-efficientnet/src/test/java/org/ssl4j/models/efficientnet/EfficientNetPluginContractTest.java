package org.ssl4j.models.efficientnet;

import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The {@code efficientnet} backbone passes the plugin contract of the test kit: B0 with the small-input stem on 8x8 RGB images. */
class EfficientNetPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return EfficientNetPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"efficientnet\", \"smallInputStem\": true}")
                        .on(10, 3, 8, 8));
    }
}
