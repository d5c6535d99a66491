package org.ssl4j.noisystudent;

import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/**
 * The {@code noisy-student} preset, the {@code noisy-student} phase type and the {@code noisy-cnn}
 * backbone pass the plugin contract of the test kit on 8x8 grey images. {@code readPseudoLabels}
 * stays null when absent (the rounds label the pool themselves), as does a round's {@code steps}
 * (the budget's); the confidence threshold is 0 because a teacher of 3 steps is unsure of every
 * one of 10 classes. A composition puts the rounds after a phase of another kind: a student that
 * learns the labels alone under its own phase name, whose result round 1 labels with.
 */
class NoisyStudentPluginContractTest extends PluginContractTest {

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return NoisyStudentPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"noisy-student\", \"teacher\": {\"type\": \"noisy-cnn\"},"
                                        + " \"optimizer\": {\"type\": \"testkit-sgd\"}, \"rounds\": 1,"
                                        + " \"threshold\": 0.0}")
                        .on(10, 1, 8, 8)
                        .withUnsetDefaults("readPseudoLabels"),
                ConfigSample.of(
                                PhaseConfig.class,
                                "{\"type\": \"noisy-student\", \"optimizer\": {\"type\": \"testkit-sgd\"},"
                                        + " \"rounds\": 2, \"threshold\": 0.0, \"targets\": \"hard\"}")
                        .on(10, 1, 8, 8)
                        .withUnsetDefaults("readPseudoLabels", "steps"),
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"noisy-cnn\"}").on(10, 1, 8, 8),
                ConfigSample.of(BackboneConfig.class, "{\"type\": \"noisy-cnn\", \"blocks\": 1, \"survival\": 0.8}")
                        .on(10, 1, 8, 8));
    }

    @Override
    protected List<ConfigSample> compositions() {
        return List.of(
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"teacher-student\", \"student\": {\"type\": \"cross-entropy\","
                                        + " \"backbone\": {\"type\": \"noisy-cnn\"}, \"optimizer\": {\"type\": \"testkit-sgd\"}},"
                                        + " \"phases\": [{\"type\": \"teach-and-learn\", \"name\": \"warm-up\", \"steps\": 2},"
                                        + " {\"type\": \"noisy-student\", \"rounds\": 2, \"steps\": 2, \"threshold\": 0.0,"
                                        + " \"optimizer\": {\"type\": \"testkit-sgd\"}}]}")
                        .on(10, 1, 8, 8));
    }
}
