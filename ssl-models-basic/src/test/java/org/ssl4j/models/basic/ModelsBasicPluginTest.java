package org.ssl4j.models.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class ModelsBasicPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsComponents() {
        Ssl4jPlugin plugin =
                ServiceLoader.load(Ssl4jPlugin.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals("models-basic"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertEquals(
                List.of("mlp", "small-cnn", "wide-resnet"),
                plugin.backbones().stream().map(Component::name).toList());
    }
}
