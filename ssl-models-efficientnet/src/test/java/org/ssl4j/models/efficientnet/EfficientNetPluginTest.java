package org.ssl4j.models.efficientnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class EfficientNetPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsComponents() {
        Ssl4jPlugin plugin =
                ServiceLoader.load(Ssl4jPlugin.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals("models-efficientnet"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertEquals(
                List.of("efficientnet"), plugin.backbones().stream().map(Component::name).toList());
        assertEquals(EfficientNetConfig.class, plugin.backbones().get(0).configType());
    }
}
