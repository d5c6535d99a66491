package org.ssl4j.optim;

import java.util.List;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The optimizers and schedules pass the plugin contract of the test kit. */
class OptimPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return OptimPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(OptimizerConfig.class, "{\"type\": \"sgd\", \"lr\": 0.1}"),
                ConfigSample.of(OptimizerConfig.class, "{\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0.9,"
                        + " \"nesterov\": true, \"weightDecay\": 0.0005,"
                        + " \"schedule\": {\"type\": \"cosine\", \"warmupSteps\": 1}}"),
                ConfigSample.of(OptimizerConfig.class, "{\"type\": \"adam\", \"lr\": 0.01}"),
                ConfigSample.of(ScheduleConfig.class, "{\"type\": \"constant\"}"),
                ConfigSample.of(ScheduleConfig.class, "{\"type\": \"cosine\"}"),
                ConfigSample.of(ScheduleConfig.class, "{\"type\": \"cosine\", \"warmupSteps\": 3, \"finalFactor\": 0.1}"));
    }
}
