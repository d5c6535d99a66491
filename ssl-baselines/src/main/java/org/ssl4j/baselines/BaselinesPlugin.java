package org.ssl4j.baselines;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.TeacherConfig;

/**
 * The {@code baselines} plugin: the {@code supervised} and {@code pseudo-label} presets (each
 * expands to a {@code teacher-student} composition) and the {@code self}, {@code ema} and {@code
 * frozen} teachers.
 */
@AutoService(Ssl4jPlugin.class)
public final class BaselinesPlugin implements Ssl4jPlugin {

    /** Creates the plugin; it does no work. */
    public BaselinesPlugin() {}

    @Override
    public String name() {
        return "baselines";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Component<MethodConfig>> methods() {
        return List.of(
                Component.of(
                        "supervised",
                        SupervisedConfig.class,
                        "preset: cross-entropy on labeled data, plus optional auxiliary terms (UDA)"),
                Component.of(
                        "pseudo-label",
                        PseudoLabelConfig.class,
                        "preset: self-training on a teacher's pseudo labels (FixMatch by config)"));
    }

    @Override
    public List<Component<TeacherConfig>> teachers() {
        return List.of(
                Component.of("self", SelfTeacherConfig.class, "the student labels its own inputs"),
                Component.of(
                        "ema",
                        EmaTeacherConfig.class,
                        "an exponential moving average of the student (Mean Teacher)"),
                Component.of(
                        "frozen",
                        FrozenTeacherConfig.class,
                        "a frozen copy of the student, refreshed every N steps"),
                Component.of(
                        "run",
                        RunTeacherConfig.class,
                        "a frozen network trained by a finished run, loaded from its folder, or its labels read from a pseudo-label file"));
    }
}
