package org.ssl4j.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class BaselinesPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsComponents() {
        Ssl4jPlugin plugin =
                ServiceLoader.load(Ssl4jPlugin.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(found -> found.name().equals("baselines"))
                        .findFirst()
                        .orElseThrow();

        assertEquals(BaselinesPlugin.class, plugin.getClass());
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertEquals(List.of("supervised", "pseudo-label"), names(plugin.methods()));
        assertEquals(List.of("self", "ema", "frozen", "run"), names(plugin.teachers()));
        assertEquals(List.of(), plugin.backbones());
        plugin.methods().forEach(component -> assertFalse(component.description().isBlank()));
        plugin.teachers().forEach(component -> assertFalse(component.description().isBlank()));
        assertEquals(List.of(), plugin.pseudoLabelStrategies(), "hard and soft live in ssl-steps");
    }

    private static List<String> names(List<? extends Component<?>> components) {
        return components.stream().map(Component::name).toList();
    }
}
