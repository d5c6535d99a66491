package org.ssl4j.api.plugin;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named component a plugin contributes: the short name a config's {@code type} field uses,
 * the config record that holds its settings and creates it, and a one-line description for
 * {@code ssl4j plugins}.
 *
 * @param name the short name, lower-case words joined by dashes (e.g. {@code pseudo-label})
 * @param configType the immutable config record; it implements the kind's config interface
 * @param description one line shown by {@code ssl4j plugins}
 * @param aliases older names still accepted, so that a rename does not break configs
 * @param <C> the config interface of the component kind (e.g. {@code MethodConfig})
 */
public record Component<C>(
        String name, Class<? extends C> configType, String description, List<String> aliases) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Checks the name format and copies the aliases. */
    public Component {
        Objects.requireNonNull(configType, "configType");
        checkName(name);
        aliases = List.copyOf(aliases);
        aliases.forEach(Component::checkName);
        description = description == null ? "" : description;
    }

    /**
     * A component without aliases.
     *
     * @param name the short name
     * @param configType the config record
     * @param description one line for {@code ssl4j plugins}
     * @param <C> the kind's config interface
     * @return the component
     */
    public static <C> Component<C> of(
            String name, Class<? extends C> configType, String description) {
        return new Component<>(name, configType, description, List.of());
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "component name must be lower-case words joined by dashes, got '" + name + "'");
        }
    }
}
