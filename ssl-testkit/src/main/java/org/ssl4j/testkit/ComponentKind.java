package org.ssl4j.testkit;

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
 * The component kinds of {@link Ssl4jPlugin}, one per component-listing method, with the config
 * interface a {@code type} field of that kind resolves against. (The runtime's
 * {@code org.ssl4j.runtime.registry.ComponentKind} holds the same list; the kit does not depend
 * on the runtime.)
 */
enum ComponentKind {
    METHOD(MethodConfig.class, Ssl4jPlugin::methods),
    BACKBONE(BackboneConfig.class, Ssl4jPlugin::backbones),
    DATA_SOURCE(DataSourceConfig.class, Ssl4jPlugin::dataSources),
    AUGMENTATION(AugmentationConfig.class, Ssl4jPlugin::augmentations),
    OPTIMIZER(OptimizerConfig.class, Ssl4jPlugin::optimizers),
    SCHEDULE(ScheduleConfig.class, Ssl4jPlugin::schedules),
    PHASE(PhaseConfig.class, Ssl4jPlugin::phases),
    TEACHER(TeacherConfig.class, Ssl4jPlugin::teachers),
    STUDENT(StudentConfig.class, Ssl4jPlugin::students),
    PSEUDO_LABEL_STRATEGY(PseudoLabelStrategyConfig.class, Ssl4jPlugin::pseudoLabelStrategies),
    AUXILIARY_LOSS(AuxiliaryLossConfig.class, Ssl4jPlugin::auxiliaryLosses);

    private final Class<?> configType;
    private final Function<Ssl4jPlugin, List<? extends Component<?>>> lister;

    ComponentKind(Class<?> configType, Function<Ssl4jPlugin, List<? extends Component<?>>> lister) {
        this.configType = configType;
        this.lister = lister;
    }

    /** The config interface of this kind, e.g. {@code BackboneConfig.class}. */
    Class<?> configType() {
        return configType;
    }

    /** The plugin's components of this kind (whatever the plugin returns). */
    List<? extends Component<?>> componentsOf(Ssl4jPlugin plugin) {
        return lister.apply(plugin);
    }

    /** The kind whose config interface is exactly {@code type}, if any. */
    static Optional<ComponentKind> ofConfigType(Class<?> type) {
        return Arrays.stream(values()).filter(kind -> kind.configType == type).findFirst();
    }
}
