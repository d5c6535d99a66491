package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class NoisyStudentPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsComponents() {
        Ssl4jPlugin plugin =
                ServiceLoader.load(Ssl4jPlugin.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(found -> found.name().equals("noisy-student"))
                        .findFirst()
                        .orElseThrow();

        assertEquals(NoisyStudentPlugin.class, plugin.getClass());
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertEquals(List.of("noisy-student"), names(plugin.methods()));
        assertEquals(List.of("noisy-student"), names(plugin.phases()));
        assertEquals(NoisyStudentRoundsConfig.class, plugin.phases().get(0).configType());
        assertEquals(List.of("noisy-cnn"), names(plugin.backbones()));
        plugin.methods().forEach(component -> assertFalse(component.description().isBlank()));
        plugin.phases().forEach(component -> assertFalse(component.description().isBlank()));
        plugin.backbones().forEach(component -> assertFalse(component.description().isBlank()));
    }

    private static List<String> names(List<? extends Component<?>> components) {
        return components.stream().map(Component::name).toList();
    }
}
