package org.ssl4j.mpl;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.TeacherConfig;

/**
 * The {@code mpl} plugin: the {@code mpl} and {@code reduced-mpl} presets, the {@code meta}
 * teacher and the {@code soft-exact} phase.
 */
@AutoService(Ssl4jPlugin.class)
public final class MplPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public MplPlugin() {}

    @Override
    public String name() {
        return "mpl";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Component<MethodConfig>> methods() {
        return List.of(
                Component.of(
                        "mpl",
                        MplConfig.class,
                        "preset: Meta Pseudo Labels, a teacher that learns from the student's feedback"
                                + " (hard or exact soft), optional finetune phase"),
                Component.of(
                        "reduced-mpl",
                        ReducedMplConfig.class,
                        "preset: Reduced MPL, a large teacher trained first, its predictions stored and"
                                + " the teacher freed; a small teacher over them learns with the student"));
    }

    @Override
    public List<Component<TeacherConfig>> teachers() {
        return List.of(
                Component.of(
                        "meta",
                        MetaTeacherConfig.class,
                        "MPL's teacher: learns from the student's labeled loss before and after its update"));
    }

    @Override
    public List<Component<PhaseConfig>> phases() {
        return List.of(
                Component.of(
                        "soft-exact",
                        SoftExactConfig.class,
                        "teach-and-learn with the exact gradient of the student's lookahead labeled loss"));
    }
}
