package org.ssl4j.testkit;

import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/** The kit's own components pass the contract they enforce. */
class TestkitPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return TestkitPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"testkit-mlp\"}"),
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"testkit-mlp\", \"hidden\": 4}").on(10, 1, 6, 6),
                ConfigSample.of(OptimizerConfig.class, "{\"type\": \"testkit-sgd\"}"),
                ConfigSample.of(OptimizerConfig.class, "{\"type\": \"testkit-sgd\", \"lr\": 0.5}"),
                ConfigSample.of(StudentConfig.class, "{\"type\": \"testkit-student\"}"),
                ConfigSample.of(
                        StudentConfig.class,
                        "{\"type\": \"testkit-student\", \"backbone\": {\"type\": \"testkit-mlp\", \"hidden\": 4},"
                                + " \"optimizer\": {\"type\": \"testkit-sgd\", \"lr\": 0.05}}"));
    }
}
