package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/**
 * The MPL methods (Reduced MPL included) and the sampled strategy pass the plugin contract of the test kit, with the
 * kit's {@code testkit-mlp} backbone and {@code testkit-sgd} optimizer. The pseudo-label strategy
 * (argmax when absent) and the finetune phase (none when absent) stay null when left out.
 */
class MplPluginContractTest extends PluginContractTest {

    private static final String NETWORK =
            "\"backbone\": {\"type\": \"testkit-mlp\"}, \"optimizer\": {\"type\": \"testkit-sgd\"}";

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return MplPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(MethodConfig.class, "{\"type\": \"mpl\", \"teacher\": {" + NETWORK + "}}")
                        .withUnsetDefaults("pseudoLabels", "finetune"),
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"mpl\", \"teacher\": {" + NETWORK + ", \"maxGradNorm\": 5},"
                                        + " \"student\": {\"ema\": 0.9, \"waitSteps\": 1, \"maxGradNorm\": 5},"
                                        + " \"pseudoLabels\": {\"type\": \"sampled\"},"
                                        + " \"feedback\": {\"baselineRate\": 0.01},"
                                        + " \"finetune\": {\"steps\": 2, \"optimizer\": {\"type\": \"testkit-sgd\"}}}")
                        .withUnsetDefaults("pseudoLabels", "finetune"),
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"mpl\", \"teacher\": {" + NETWORK + "},"
                                        + " \"feedback\": {\"variant\": \"soft-exact\"}}")
                        .withUnsetDefaults("pseudoLabels", "finetune"),
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"reduced-mpl\", \"largeTeacher\": {" + NETWORK + "},"
                                        + " \"largeTeacherSteps\": 2, \"reducedTeacher\": {" + NETWORK + "}}")
                        .withUnsetDefaults("pseudoLabels"),
                ConfigSample.of(PseudoLabelStrategyConfig.class, "{\"type\": \"sampled\"}"));
    }
}
