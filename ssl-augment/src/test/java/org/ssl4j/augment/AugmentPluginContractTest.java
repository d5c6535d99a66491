package org.ssl4j.augment;

import java.util.List;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The augmentations pass the plugin contract of the test kit, on vectors and on 8x8 RGB images. */
class AugmentPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return AugmentPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(AugmentationConfig.class, "{\"type\": \"identity\"}"),
                ConfigSample.of(AugmentationConfig.class, "{\"type\": \"gaussian-noise\", \"std\": 0.1}"),
                image("{\"type\": \"flip-and-shift\"}"),
                image("{\"type\": \"flip-and-shift\", \"flip\": false, \"pad\": 2}"),
                image("{\"type\": \"randaugment\"}"),
                image("{\"type\": \"randaugment\", \"n\": 3, \"magnitude\": 5, \"randomMagnitude\": true, \"cutout\": 4}"),
                image("{\"type\": \"cutout\"}"),
                image("{\"type\": \"cutout\", \"size\": 3}"));
    }

    private static ConfigSample image(String json) {
        return ConfigSample.of(AugmentationConfig.class, json).on(10, 3, 8, 8);
    }
}
