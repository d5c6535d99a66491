package org.ssl4j.models.basic;

import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The backbones pass the plugin contract of the test kit; the image ones on 8x8 RGB images. */
class ModelsBasicPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return ModelsBasicPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"mlp\"}"),
                ConfigSample.of(BackboneConfig.class,
                        "{\"type\": \"mlp\", \"hidden\": [8], \"activation\": \"tanh\", \"dropout\": 0.5}"),
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"small-cnn\"}").on(10, 3, 8, 8),
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"wide-resnet\", \"depth\": 10, \"width\": 1}")
                        .on(10, 3, 8, 8));
    }
}
