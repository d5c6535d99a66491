package org.ssl4j.noisystudent;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * The {@code noisy-student} plugin: the {@code noisy-student} preset, the {@code noisy-student}
 * phase type (its rounds) and the {@code noisy-cnn} backbone.
 */
@AutoService(Ssl4jPlugin.class)
public final class NoisyStudentPlugin implements Ssl4jPlugin {

    /** Creates the plugin; it does no work. */
    public NoisyStudentPlugin() {}

    @Override
    public String name() {
        return "noisy-student";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Component<MethodConfig>> methods() {
        return List.of(
                Component.of(
                        "noisy-student",
                        NoisyStudentConfig.class,
                        "preset: a network trained on labels, then rounds of noisy-student phases"));
    }

    @Override
    public List<Component<PhaseConfig>> phases() {
        return List.of(
                Component.of(
                        "noisy-student",
                        NoisyStudentRoundsConfig.class,
                        "rounds of self-training: teacher labels, filter and balance, noised student becomes teacher"));
    }

    @Override
    public List<Component<BackboneConfig>> backbones() {
        return List.of(
                Component.of(
                        "noisy-cnn",
                        NoisyCnnConfig.class,
                        "small CNN with a width factor, residual blocks, dropout and stochastic depth"));
    }
}
