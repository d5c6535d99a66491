package org.ssl4j.models.torchscript;

import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The torchscript backbone passes the plugin contract: it trains on 4-feature data of 3 classes. */
class TorchScriptPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return TorchScriptPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        String path = Fixture.module().toString().replace("\\", "\\\\");
        return List.of(ConfigSample.of(BackboneConfig.class, "{\"type\": \"torchscript\", \"file\": \"" + path + "\"}")
                .on(3, 4));
    }
}
