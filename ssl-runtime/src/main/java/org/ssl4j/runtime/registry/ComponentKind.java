package org.ssl4j.runtime.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.TeacherConfig;

/**
 * The kinds of component a plugin can contribute, one per component-listing default method of
 * {@link Ssl4jPlugin}. Each kind knows its names for messages, its config interface (the base
 * type of the config's {@code type} field) and how to ask a plugin for its components.
 */
public enum ComponentKind {

    /** Training methods, from {@link Ssl4jPlugin#methods()}. */
    METHOD("method", "methods", MethodConfig.class, Ssl4jPlugin::methods),
    /** Network architectures, from {@link Ssl4jPlugin#backbones()}. */
    BACKBONE("backbone", "backbones", BackboneConfig.class, Ssl4jPlugin::backbones),
    /** Data sources, from {@link Ssl4jPlugin#dataSources()}. */
    DATA_SOURCE("data source", "data sources", DataSourceConfig.class, Ssl4jPlugin::dataSources),
    /** Augmentations, from {@link Ssl4jPlugin#augmentations()}. */
    AUGMENTATION(
            "augmentation", "augmentations", AugmentationConfig.class, Ssl4jPlugin::augmentations),
    /** Optimizers, from {@link Ssl4jPlugin#optimizers()}. */
    OPTIMIZER("optimizer", "optimizers", OptimizerConfig.class, Ssl4jPlugin::optimizers),
    /** Learning-rate schedules, from {@link Ssl4jPlugin#schedules()}. */
    SCHEDULE("schedule", "schedules", ScheduleConfig.class, Ssl4jPlugin::schedules),
    /** Phases of a composed method, from {@link Ssl4jPlugin#phases()} (SPI 2.0). */
    PHASE("phase", "phases", PhaseConfig.class, Ssl4jPlugin::phases),
    /** Teachers, from {@link Ssl4jPlugin#teachers()}. */
    TEACHER("teacher", "teachers", TeacherConfig.class, Ssl4jPlugin::teachers),
    /** Students, from {@link Ssl4jPlugin#students()} (SPI 2.0). */
    STUDENT("student", "students", StudentConfig.class, Ssl4jPlugin::students),
    /** Pseudo-label strategies, from {@link Ssl4jPlugin#pseudoLabelStrategies()}. */
    PSEUDO_LABEL_STRATEGY(
            "pseudo-label strategy",
            "pseudo-label strategies",
            PseudoLabelStrategyConfig.class,
            Ssl4jPlugin::pseudoLabelStrategies),
    /** Auxiliary losses, from {@link Ssl4jPlugin#auxiliaryLosses()}. */
    AUXILIARY_LOSS(
            "auxiliary loss",
            "auxiliary losses",
            AuxiliaryLossConfig.class,
            Ssl4jPlugin::auxiliaryLosses);

    private final String displayName;
    private final String pluralName;
    private final Class<?> configType;
    private final Function<Ssl4jPlugin, List<? extends Component<?>>> lister;

    ComponentKind(
            String displayName,
            String pluralName,
            Class<?> configType,
            Function<Ssl4jPlugin, List<? extends Component<?>>> lister) {
        this.displayName = displayName;
        this.pluralName = pluralName;
        this.configType = configType;
        this.lister = lister;
    }

    /**
     * @return the singular name for messages, e.g. {@code pseudo-label strategy}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * @return the plural name for messages, e.g. {@code pseudo-label strategies}
     */
    public String pluralName() {
        return pluralName;
    }

    /**
     * @return the config interface every component of this kind implements, e.g. {@code
     *     BackboneConfig.class}
     */
    public Class<?> configType() {
        return configType;
    }

    /**
     * Asks a plugin for its components of this kind by calling the matching method of {@link
     * Ssl4jPlugin}. Whatever that method throws passes through.
     *
     * @param plugin the plugin
     * @return its components of this kind, exactly as the plugin returned them (possibly null)
     */
    public List<? extends Component<?>> componentsOf(Ssl4jPlugin plugin) {
        return lister.apply(plugin);
    }

    /**
     * Finds the kind whose config interface is exactly {@code type}.
     *
     * @param type a config interface, e.g. the base type of a polymorphic field
     * @return the kind, or empty when {@code type} is not a component config interface
     */
    public static Optional<ComponentKind> ofConfigType(Class<?> type) {
        return Arrays.stream(values()).filter(kind -> kind.configType == type).findFirst();
    }
}
