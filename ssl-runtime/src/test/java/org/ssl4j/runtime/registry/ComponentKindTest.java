package org.ssl4j.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.runtime.registry.fake.FakeConfigs;
import org.ssl4j.runtime.registry.fake.FakePlugins;

class ComponentKindTest {

    @Test
    void eachKindAsksThePluginForItsOwnListAndItsClassesImplementTheKindsInterface() {
        FakePlugins.Good plugin = new FakePlugins.Good();
        List<String> first = List.of(
                "fake-method", "fake-mlp", "fake-blobs", "fake-identity", "fake-sgd",
                "fake-cosine", "fake-stage", "fake-frozen", "fake-learner", "fake-hard", "fake-entropy");
        ComponentKind[] kinds = ComponentKind.values();
        assertEquals(first.size(), kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            Component<?> component = kinds[i].componentsOf(plugin).get(0);
            assertEquals(first.get(i), component.name(), kinds[i].name());
            assertEquals(true, kinds[i].configType().isAssignableFrom(component.configType()));
        }
    }

    @Test
    void hasSingularAndPluralNamesForMessages() {
        assertEquals("pseudo-label strategy", ComponentKind.PSEUDO_LABEL_STRATEGY.displayName());
        assertEquals("pseudo-label strategies", ComponentKind.PSEUDO_LABEL_STRATEGY.pluralName());
        assertEquals("data source", ComponentKind.DATA_SOURCE.displayName());
        assertEquals("auxiliary losses", ComponentKind.AUXILIARY_LOSS.pluralName());
    }

    @Test
    void findsTheKindOfAConfigInterfaceOnly() {
        assertEquals(Optional.of(ComponentKind.BACKBONE), ComponentKind.ofConfigType(BackboneConfig.class));
        assertEquals(
                Optional.of(ComponentKind.PSEUDO_LABEL_STRATEGY),
                ComponentKind.ofConfigType(PseudoLabelStrategyConfig.class));
        assertEquals(Optional.empty(), ComponentKind.ofConfigType(FakeConfigs.Mlp.class));
        assertEquals(Optional.empty(), ComponentKind.ofConfigType(String.class));
    }
}
