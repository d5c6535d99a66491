package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.ssl4j.runtime.registry.LoadedPlugin;
import org.ssl4j.runtime.registry.PluginRegistry;

/**
 * Plugin versions come from the build: a plugin in a jar reports the jar manifest's {@code
 * Implementation-Version}, which the root pom's jar plugin writes with the project's version; a
 * plugin loaded from a class folder (a reactor run of {@code mvn test}, an IDE) reports {@code
 * unpackaged}. No plugin types its version.
 */
class PluginVersionsTest {

    @Test
    void everyPluginReportsTheVersionOfTheBuildThatPackagedIt() {
        String build = System.getProperty("ssl4j.version");
        assertNotNull(build, "surefire passes the project's version as ssl4j.version");
        PluginRegistry registry = PluginRegistry.loadDefault();
        assertFalse(registry.plugins().isEmpty(), "no plugin on the class path");
        for (LoadedPlugin plugin : registry.plugins()) {
            boolean packaged = plugin.location() != null && plugin.location().endsWith(".jar");
            assertEquals(packaged ? build : "unpackaged", plugin.version(), plugin.name() + " from " + plugin.location());
        }
    }
}
