package org.ssl4j.baselines;

import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/**
 * The methods, teachers and strategies pass the plugin contract of the test kit. The methods use
 * the kit's {@code testkit-mlp} backbone and {@code testkit-sgd} optimizer.
 */
class BaselinesPluginContractTest extends PluginContractTest {

    private static final String NETWORK =
            "\"backbone\": {\"type\": \"testkit-mlp\"}, \"optimizer\": {\"type\": \"testkit-sgd\"}";

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return BaselinesPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(MethodConfig.class, "{\"type\": \"supervised\", " + NETWORK + "}"),
                ConfigSample.of(MethodConfig.class, "{\"type\": \"supervised\", " + NETWORK
                        + ", \"labelSmoothing\": 0.1, \"tsa\": \"linear\"}"),
                ConfigSample.of(MethodConfig.class, "{\"type\": \"pseudo-label\", " + NETWORK + "}"),
                ConfigSample.of(MethodConfig.class, "{\"type\": \"pseudo-label\", " + NETWORK
                        + ", \"teacher\": {\"type\": \"ema\", \"decay\": 0.9},"
                        + " \"pseudoLabels\": {\"type\": \"soft\", \"temperature\": 0.5},"
                        + " \"studentView\": \"strong\", \"warmupSteps\": 2}"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"self\"}"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"ema\"}"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"frozen\", \"refreshEvery\": 2}"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"frozen\"}"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"run\", \"path\": \"runs/supervised-1\"}")
                        .withUnsetDefaults("network", "labels"));
    }

    /**
     * The {@code run} teacher reads a finished run's folder, which the kit's context has not;
     * {@code RunTeacherTest} in ssl-app trains it end to end through the runtime, with and
     * without {@code labels} ({@code RunLabelsTeacherTest} here runs the labels teacher alone).
     */
    @Override
    protected boolean runnable(ConfigSample sample) {
        return !sample.json().contains("\"run\"");
    }
}
