package org.ssl4j.testkit;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * The kit's own components, on the class path of every plugin test that uses the kit (the kit
 * is a test dependency, so they never reach a distribution): a small backbone, a plain
 * optimizer and a student that samples of methods, teachers and phases can nest when their
 * plugin has none.
 */
@AutoService(Ssl4jPlugin.class)
public final class TestkitPlugin implements Ssl4jPlugin {

    /** The plugin's name. */
    public static final String NAME = "ssl-testkit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Component<BackboneConfig>> backbones() {
        return List.of(Component.of(
                "testkit-mlp", MlpBackboneConfig.class, "test kit: flatten, Linear(hidden), ReLU, Linear(classes)"));
    }

    @Override
    public List<Component<StudentConfig>> students() {
        return List.of(Component.of(
                "testkit-student",
                KitStudentConfig.class,
                "test kit: cross-entropy on labels and pseudo labels (weak view), labeled loss measured"));
    }

    @Override
    public List<Component<OptimizerConfig>> optimizers() {
        return List.of(Component.of(
                "testkit-sgd", SgdConfig.class, "test kit: DJL's plain SGD at a fixed learning rate"));
    }
}
