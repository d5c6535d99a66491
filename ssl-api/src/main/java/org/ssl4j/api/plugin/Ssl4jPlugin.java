package org.ssl4j.api.plugin;

import java.util.List;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.TeacherConfig;

/**
 * The entry point of a plugin, found by {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation with {@code @AutoService(Ssl4jPlugin.class)}. It must have a
 * public no-argument constructor and do no work there: the runtime creates every plugin on the
 * class path to list its components, even those a run does not use.
 *
 * <p>There is one default method per component kind, each returning no components; a plugin
 * overrides those it contributes to. A new kind in a later SPI minor version is a new default
 * method, so plugins built before it still load.
 *
 * <pre>{@code
 * @AutoService(Ssl4jPlugin.class)
 * public final class MyPlugin implements Ssl4jPlugin {
 *     public String name() { return "my-plugin"; }
 *     public String spiVersion() { return SpiVersion.CURRENT; }
 *     public List<Component<AuxiliaryLossConfig>> auxiliaryLosses() {
 *         return List.of(Component.of("entropy", EntropyConfig.class, "entropy minimisation"));
 *     }
 * }
 * }</pre>
 */
public interface Ssl4jPlugin {

    /**
     * The plugin's name, shown in listings, errors and run provenance.
     *
     * @return a short, stable name
     */
    String name();

    /**
     * The plugin's own version, recorded in each run's provenance. The default reads the
     * {@code Implementation-Version} of the jar the plugin class came from (Maven's jar plugin
     * writes it with {@code addDefaultImplementationEntries}), so the version comes from the
     * build rather than a literal.
     *
     * @return the version, e.g. {@code 1.2.0}, or {@code unpackaged} for classes not in a jar
     *     with a manifest version (a development build)
     */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "unpackaged" : version;
    }

    /**
     * The SPI version the plugin was built against. Implement it as {@code return
     * SpiVersion.CURRENT;} so the constant is compiled into the plugin; the runtime refuses a
     * plugin whose version is not {@linkplain SpiVersion#isCompatible compatible}.
     *
     * @return {@code MAJOR.MINOR}
     */
    String spiVersion();

    /**
     * Training methods (supervised, pseudo-label, MPL, ...).
     *
     * @return the methods this plugin contributes
     */
    default List<Component<MethodConfig>> methods() {
        return List.of();
    }

    /**
     * Network architectures.
     *
     * @return the backbones this plugin contributes
     */
    default List<Component<BackboneConfig>> backbones() {
        return List.of();
    }

    /**
     * Data sources (labeled, unlabeled and test splits).
     *
     * @return the data sources this plugin contributes
     */
    default List<Component<DataSourceConfig>> dataSources() {
        return List.of();
    }

    /**
     * Augmentations (weak and strong views of a batch).
     *
     * @return the augmentations this plugin contributes
     */
    default List<Component<AugmentationConfig>> augmentations() {
        return List.of();
    }

    /**
     * Optimizers.
     *
     * @return the optimizers this plugin contributes
     */
    default List<Component<OptimizerConfig>> optimizers() {
        return List.of();
    }

    /**
     * Learning-rate schedules.
     *
     * @return the schedules this plugin contributes
     */
    default List<Component<ScheduleConfig>> schedules() {
        return List.of();
    }

    /**
     * Teachers that a method can pick by config (self, moving average, frozen copy, ...).
     *
     * @return the teachers this plugin contributes
     */
    default List<Component<TeacherConfig>> teachers() {
        return List.of();
    }

    /**
     * Students that a composition can pick by config (the cross-entropy student, ...). Added in
     * SPI 2.0.
     *
     * @return the students this plugin contributes
     */
    default List<Component<StudentConfig>> students() {
        return List.of();
    }

    /**
     * Phases that a composed method lists ({@code teach-and-learn}, {@code finetune}, Noisy
     * Student's rounds, ...). Added in SPI 2.0.
     *
     * @return the phases this plugin contributes
     */
    default List<Component<PhaseConfig>> phases() {
        return List.of();
    }

    /**
     * Rules that turn teacher logits into pseudo labels.
     *
     * @return the pseudo-label strategies this plugin contributes
     */
    default List<Component<PseudoLabelStrategyConfig>> pseudoLabelStrategies() {
        return List.of();
    }

    /**
     * Extra loss terms attached to a teacher or a student by config.
     *
     * @return the auxiliary losses this plugin contributes
     */
    default List<Component<AuxiliaryLossConfig>> auxiliaryLosses() {
        return List.of();
    }
}
