package org.ssl4j.data.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class TabularPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsComponents() {
        Ssl4jPlugin plugin = ServiceLoader.load(Ssl4jPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("data-tabular"))
                .findFirst()
                .orElseThrow();
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertEquals(List.of("csv"), plugin.dataSources().stream().map(Component::name).toList());
        assertEquals(List.of("feature-dropout", "swap-noise"),
                plugin.augmentations().stream().map(Component::name).toList());
    }
}
