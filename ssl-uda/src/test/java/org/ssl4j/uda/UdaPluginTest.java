package org.ssl4j.uda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class UdaPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsComponents() {
        Ssl4jPlugin plugin =
                ServiceLoader.load(Ssl4jPlugin.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals("uda"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertEquals(
                List.of("uda"), plugin.auxiliaryLosses().stream().map(Component::name).toList());
        assertEquals(UdaConfig.class, plugin.auxiliaryLosses().get(0).configType());
        assertEquals(List.of(), plugin.methods());
    }
}
