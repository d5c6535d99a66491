package org.ssl4j.runtime.registry;

import java.util.List;

/**
 * A component the registry accepted: what {@code ssl4j plugins} lists and what a config's
 * {@code type} field may name.
 *
 * @param kind the component's kind
 * @param name the name a config's {@code type} field uses
 * @param aliases older names also accepted when reading a config
 * @param configType the config record that holds the component's settings
 * @param description one line for listings
 * @param pluginName the name of the plugin that contributes it
 * @param pluginVersion that plugin's version
 */
public record RegisteredComponent(
        ComponentKind kind,
        String name,
        List<String> aliases,
        Class<?> configType,
        String description,
        String pluginName,
        String pluginVersion) {

    /** Copies the aliases. */
    public RegisteredComponent {
        aliases = List.copyOf(aliases);
    }
}
