package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class DataImagesPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsComponents() {
        Ssl4jPlugin plugin =
                ServiceLoader.load(Ssl4jPlugin.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals("data-images"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertEquals(
                List.of("fashion-mnist", "mnist", "idx", "cifar-10", "image-folder"),
                plugin.dataSources().stream().map(Component::name).toList());
    }
}
