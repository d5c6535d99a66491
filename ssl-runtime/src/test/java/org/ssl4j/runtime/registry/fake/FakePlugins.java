package org.ssl4j.runtime.registry.fake;

import java.util.List;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.TeacherConfig;

/**
 * Fake plugins, good and broken. None is listed in a {@code META-INF/services} file of the test
 * class path: each test makes them visible with {@link ServiceFiles}, so a broken one never
 * reaches another test.
 */
public final class FakePlugins {

    private FakePlugins() {}

    /** A well-behaved plugin with one or two components of every kind. */
    public static final class Good implements Ssl4jPlugin {

        @Override
        public String name() {
            return "fake-plugin";
        }

        @Override
        public String version() {
            return "0.1.0";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public List<Component<MethodConfig>> methods() {
            return List.of(
                    Component.of("fake-method", FakeConfigs.Method.class, "a fake method"),
                    Component.of("fake-preset", FakeConfigs.Preset.class, "a fake method's preset"),
                    Component.of("fake-drifting", FakeConfigs.Drifting.class, "a preset that never settles"));
        }

        @Override
        public List<Component<BackboneConfig>> backbones() {
            return List.of(
                    Component.of("fake-mlp", FakeConfigs.Mlp.class, "a fake MLP"),
                    new Component<>(
                            "fake-cnn", FakeConfigs.Cnn.class, "a fake CNN", List.of("fake-convnet")));
        }

        @Override
        public List<Component<DataSourceConfig>> dataSources() {
            return List.of(Component.of("fake-blobs", FakeConfigs.Blobs.class, "fake blobs"));
        }

        @Override
        public List<Component<AugmentationConfig>> augmentations() {
            return List.of(Component.of("fake-identity", FakeConfigs.Identity.class, "no change"));
        }

        @Override
        public List<Component<OptimizerConfig>> optimizers() {
            return List.of(Component.of("fake-sgd", FakeConfigs.Sgd.class, "fake SGD"));
        }

        @Override
        public List<Component<ScheduleConfig>> schedules() {
            return List.of(Component.of("fake-cosine", FakeConfigs.Cosine.class, "fake cosine"));
        }

        @Override
        public List<Component<PhaseConfig>> phases() {
            return List.of(Component.of("fake-stage", FakeConfigs.Stage.class, "fake phase"));
        }

        @Override
        public List<Component<TeacherConfig>> teachers() {
            return List.of(Component.of("fake-frozen", FakeConfigs.Frozen.class, "fake teacher"));
        }

        @Override
        public List<Component<StudentConfig>> students() {
            return List.of(Component.of("fake-learner", FakeConfigs.Learner.class, "fake student"));
        }

        @Override
        public List<Component<PseudoLabelStrategyConfig>> pseudoLabelStrategies() {
            return List.of(Component.of("fake-hard", FakeConfigs.HardLabels.class, "hard labels"));
        }

        @Override
        public List<Component<AuxiliaryLossConfig>> auxiliaryLosses() {
            return List.of(Component.of("fake-entropy", FakeConfigs.Entropy.class, "entropy"));
        }
    }

    /** Built for SPI 1.1, the major version before 2.0 (every plugin written before issue 15). */
    public static final class OldSpi implements Ssl4jPlugin {

        @Override
        public String name() {
            return "old-plugin";
        }

        @Override
        public String version() {
            return "0.3.0";
        }

        @Override
        public String spiVersion() {
            return "1.1";
        }

        @Override
        public List<Component<BackboneConfig>> backbones() {
            return List.of(Component.of("old-net", FakeConfigs.OtherNet.class, "old"));
        }
    }

    /** Built for SPI 3.0, a newer major version. */
    public static final class FutureSpi implements Ssl4jPlugin {

        @Override
        public String name() {
            return "future-plugin";
        }

        @Override
        public String version() {
            return "3.0.0";
        }

        @Override
        public String spiVersion() {
            return "3.0";
        }
    }

    /** Declares an SPI version that is not MAJOR.MINOR. */
    public static final class BadSpi implements Ssl4jPlugin {

        @Override
        public String name() {
            return "odd-plugin";
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public String spiVersion() {
            return "one";
        }
    }

    /** Throws from its constructor. */
    public static final class ThrowingConstructor implements Ssl4jPlugin {

        /** Always fails. */
        public ThrowingConstructor() {
            throw new IllegalStateException("no GPU here");
        }

        @Override
        public String name() {
            return "never";
        }

        @Override
        public String version() {
            return "0.0.0";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }
    }

    /** Lists its methods, then throws while listing its backbones. */
    public static final class ThrowingList implements Ssl4jPlugin {

        @Override
        public String name() {
            return "broken-list-plugin";
        }

        @Override
        public String version() {
            return "0.2.0";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public List<Component<DataSourceConfig>> dataSources() {
            return List.of(Component.of("broken-csv", FakeConfigs.Csv.class, "never registered"));
        }

        @Override
        public List<Component<BackboneConfig>> backbones() {
            throw new IllegalStateException("index file missing");
        }
    }

    /**
     * Clashes with {@link Good}: a backbone with the same name, one whose alias is taken, one
     * whose config class is taken, and one data source that does not clash.
     */
    public static final class Duplicate implements Ssl4jPlugin {

        @Override
        public String name() {
            return "dup-plugin";
        }

        @Override
        public String version() {
            return "0.2.0";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public List<Component<BackboneConfig>> backbones() {
            return List.of(
                    Component.of("fake-mlp", FakeConfigs.OtherNet.class, "same name"),
                    new Component<>(
                            "dup-net", FakeConfigs.ThirdNet.class, "taken alias", List.of("fake-convnet")),
                    Component.of("mlp-again", FakeConfigs.Mlp.class, "taken class"));
        }

        @Override
        public List<Component<DataSourceConfig>> dataSources() {
            return List.of(Component.of("fake-csv", FakeConfigs.Csv.class, "fake CSV"));
        }
    }

    /** Has the same name as {@link Good}, another version. */
    public static final class SameName implements Ssl4jPlugin {

        @Override
        public String name() {
            return "fake-plugin";
        }

        @Override
        public String version() {
            return "0.9.0";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }
    }
}
