package org.ssl4j.steps;

import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/**
 * The composition, the cross-entropy student, the phases and the strategies pass the plugin
 * contract; the student also runs inside a composition (the kit's default {@link
 * #compositions()}), and compositions with the kit's teacher-free and feedback settings run.
 */
class StepsPluginContractTest extends PluginContractTest {

    private static final String NETWORK =
            "\"backbone\": {\"type\": \"testkit-mlp\"}, \"optimizer\": {\"type\": \"testkit-sgd\"}";
    private static final String STUDENT = "{\"type\": \"cross-entropy\", " + NETWORK + "}";

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return StepsPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(MethodConfig.class, "{\"type\": \"teacher-student\", \"student\": " + STUDENT + "}")
                        .withUnsetDefaults("teacher"),
                ConfigSample.of(
                        MethodConfig.class,
                        "{\"type\": \"teacher-student\", \"student\": " + STUDENT + ", \"phases\": ["
                                + "{\"type\": \"teach-and-learn\", \"steps\": 3},"
                                + " {\"type\": \"finetune\", \"steps\": 2, \"optimizer\": {\"type\": \"testkit-sgd\"}}]}")
                        .withUnsetDefaults("teacher"),
                ConfigSample.of(StudentConfig.class, STUDENT).withUnsetDefaults("ema", "maxGradNorm"),
                ConfigSample.of(
                        StudentConfig.class,
                        "{\"type\": \"cross-entropy\", " + NETWORK + ", \"view\": \"strong\","
                                + " \"measureFeedback\": true, \"ema\": 0.9,"
                                + " \"maxGradNorm\": 1.0, \"waitSteps\": 1, \"tsa\": \"linear\"}")
                        .withUnsetDefaults("ema", "maxGradNorm"),
                ConfigSample.of(PhaseConfig.class, "{\"type\": \"teach-and-learn\"}").withUnsetDefaults("steps"),
                ConfigSample.of(PhaseConfig.class, "{\"type\": \"teach-and-learn\", \"name\": \"warm\", \"steps\": 4}")
                        .withUnsetDefaults("steps"),
                ConfigSample.of(
                                PhaseConfig.class,
                                "{\"type\": \"finetune\", \"steps\": 5, \"optimizer\": {\"type\": \"testkit-sgd\"}}")
                        .withUnsetDefaults("batchSize"),
                ConfigSample.of(PseudoLabelStrategyConfig.class, "{\"type\": \"hard\"}"),
                ConfigSample.of(PseudoLabelStrategyConfig.class, "{\"type\": \"hard\", \"threshold\": 0.5}"),
                ConfigSample.of(PseudoLabelStrategyConfig.class, "{\"type\": \"soft\"}"),
                ConfigSample.of(PseudoLabelStrategyConfig.class, "{\"type\": \"sampled\"}"),
                ConfigSample.of(PseudoLabelStrategyConfig.class, "{\"type\": \"sampled\", \"temperature\": 0.5}"));
    }

    /**
     * The kit's compositions, and the {@code pretrain} phase, which needs a teacher that learns
     * alone: this module's test teacher ({@link PretrainingTeacherPlugin}) pretrains, then the
     * student (created when {@code teach-and-learn} begins) learns from its labels.
     */
    @Override
    protected List<ConfigSample> compositions() {
        List<ConfigSample> compositions = new java.util.ArrayList<>(super.compositions());
        compositions.add(ConfigSample.of(
                MethodConfig.class,
                "{\"type\": \"teacher-student\", \"teacher\": {\"type\": \"steps-test-pretraining\", " + NETWORK + "},"
                        + " \"student\": " + STUDENT + ","
                        + " \"phases\": [{\"type\": \"pretrain\", \"name\": \"warm-up\"}, {\"type\": \"teach-and-learn\", \"steps\": 3}]}"));
        return compositions;
    }
}
