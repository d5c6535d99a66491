package org.ssl4j.runtime.registry;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * The plugins found on a class path and the components they contribute, by kind and name.
 *
 * <p>Loading never throws because of a plugin: a plugin that cannot be created, that throws
 * while giving its name or listing its components, or that was built for an incompatible SPI
 * version is left out and reported in {@link #failures()}; a component whose name (or alias) is
 * already taken within its kind, or whose config class is already registered, is left out the
 * same way, naming both plugins. Plugins are visited in {@link ServiceLoader} order (class-path
 * order), so of two clashing components the later one is refused.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PluginRegistry implements ComponentNames {

    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");

    private final List<LoadedPlugin> plugins;
    private final List<PluginFailure> failures;
    private final Map<ComponentKind, List<RegisteredComponent>> components;
    private final Map<Class<?>, RegisteredComponent> byConfigType;

    private PluginRegistry(Loading loading) {
        this.plugins = List.copyOf(loading.plugins);
        this.failures = List.copyOf(loading.failures);
        Map<ComponentKind, List<RegisteredComponent>> sorted = new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            sorted.put(
                    kind,
                    loading.byConfigType.values().stream()
                            .filter(component -> component.kind() == kind)
                            .sorted(Comparator.comparing(RegisteredComponent::name))
                            .toList());
        }
        this.components = sorted;
        this.byConfigType = Map.copyOf(loading.byConfigType);
    }

    /**
     * Finds the plugins visible to the current thread's context class loader (or, when it has
     * none, to the loader of this class).
     *
     * @return the registry
     */
    public static PluginRegistry loadDefault() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : PluginRegistry.class.getClassLoader());
    }

    /**
     * Finds the plugins that {@code ServiceLoader.load(Ssl4jPlugin.class, loader)} sees, creates
     * each one and registers its components. Problems with single plugins end up in {@link
     * #failures()}.
     *
     * @param loader the class loader whose {@code META-INF/services} files list the plugins
     * @return the registry
     */
    public static PluginRegistry load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        Loading loading = new Loading();
        Iterator<ServiceLoader.Provider<Ssl4jPlugin>> providers =
                ServiceLoader.load(Ssl4jPlugin.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<Ssl4jPlugin> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                loading.lookupFailed(e);
                continue;
            }
            loading.create(provider);
        }
        return new PluginRegistry(loading);
    }

    /**
     * @return the accepted plugins, in discovery order
     */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /**
     * @return the refused plugins and components, in discovery order; empty when all loaded
     */
    public List<PluginFailure> failures() {
        return failures;
    }

    /**
     * @param kind a component kind
     * @return the registered components of that kind, sorted by name
     */
    public List<RegisteredComponent> components(ComponentKind kind) {
        return components.get(kind);
    }

    /**
     * Gives the registered name of a component config, the value its {@code type} field is
     * written with.
     *
     * @param config a config record of a registered component
     * @return its registered name (never an alias)
     * @throws IllegalArgumentException when its class is not a registered component
     */
    @Override
    public String nameOf(Object config) {
        RegisteredComponent component = byConfigType.get(config.getClass());
        if (component == null) {
            throw new IllegalArgumentException(
                    "config class " + config.getClass().getName() + " is not a registered component");
        }
        return component.name();
    }

    /**
     * The Jackson subtypes for the components' names: register them on every mapper that reads
     * or writes configs, so that {@code type} fields resolve to, and are written as, these names.
     *
     * @return one named type per registered component
     */
    public List<NamedType> namedTypes() {
        return byConfigType.values().stream()
                .map(component -> new NamedType(component.configType(), component.name()))
                .toList();
    }

    /**
     * The Jackson subtypes for the components' aliases: register them, in addition to {@link
     * #namedTypes()}, on mappers that read configs only (a mapper that also knows the aliases
     * could write a config with an alias).
     *
     * @return one named type per alias of a registered component
     */
    public List<NamedType> aliasNamedTypes() {
        return byConfigType.values().stream()
                .flatMap(component -> component.aliases().stream()
                        .map(alias -> new NamedType(component.configType(), alias)))
                .toList();
    }

    /** The mutable state of one {@link #load} call. */
    private static final class Loading {

        private final List<LoadedPlugin> plugins = new ArrayList<>();
        private final List<PluginFailure> failures = new ArrayList<>();
        private final Map<Class<?>, RegisteredComponent> byConfigType = new LinkedHashMap<>();
        private final Map<ComponentKind, Map<String, RegisteredComponent>> byName =
                new EnumMap<>(ComponentKind.class);

        /** Records a provider that the service loader could not even find or check. */
        void lookupFailed(ServiceConfigurationError error) {
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            String prefix = Ssl4jPlugin.class.getName() + ": ";
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
            }
            Matcher provider = PROVIDER.matcher(message);
            failures.add(new PluginFailure(
                    provider.find() ? provider.group(1) : "unknown provider",
                    "cannot load a plugin: " + message));
        }

        /** Creates one plugin, checks it and registers its components. */
        void create(ServiceLoader.Provider<Ssl4jPlugin> provider) {
            String className = provider.type().getName();
            Ssl4jPlugin plugin;
            try {
                plugin = provider.get();
            } catch (ServiceConfigurationError e) {
                Throwable reason = e.getCause() != null ? e.getCause() : e;
                failures.add(new PluginFailure(
                        className,
                        "plugin class " + className + " could not be created: " + describe(reason)));
                return;
            }
            String name;
            String version;
            String spiVersion;
            try {
                name = plugin.name();
                version = plugin.version();
                spiVersion = plugin.spiVersion();
            } catch (RuntimeException | LinkageError e) {
                failures.add(new PluginFailure(
                        className,
                        "plugin class " + className + " failed while giving its name and versions: "
                                + describe(e)));
                return;
            }
            if (isBlank(name) || isBlank(version) || isBlank(spiVersion)) {
                failures.add(new PluginFailure(
                        className,
                        "plugin class " + className
                                + " must return a name, a version and an SPI version, got name "
                                + quoted(name) + ", version " + quoted(version)
                                + ", SPI version " + quoted(spiVersion)));
                return;
            }
            String label = "plugin '" + name + "' " + version;
            String refusal = spiRefusal(label, spiVersion);
            if (refusal != null) {
                failures.add(new PluginFailure(name, refusal));
                return;
            }
            String location = locationOf(provider.type());
            LoadedPlugin same = plugins.stream()
                    .filter(loaded -> loaded.name().equals(name))
                    .findFirst()
                    .orElse(null);
            if (same != null) {
                failures.add(new PluginFailure(
                        name,
                        label + " (" + (location == null ? className : location)
                                + ") is refused: plugin '" + name + "' " + same.version()
                                + " is already loaded"
                                + (same.location() == null ? "" : " from " + same.location())));
                return;
            }
            Map<ComponentKind, List<? extends Component<?>>> listed =
                    new EnumMap<>(ComponentKind.class);
            for (ComponentKind kind : ComponentKind.values()) {
                List<? extends Component<?>> list;
                try {
                    list = kind.componentsOf(plugin);
                } catch (RuntimeException | LinkageError e) {
                    failures.add(new PluginFailure(
                            name,
                            label + " failed while listing its " + kind.pluralName() + ": "
                                    + describe(e)));
                    return;
                }
                if (list == null || list.stream().anyMatch(Objects::isNull)) {
                    failures.add(new PluginFailure(
                            name,
                            label + " returned " + (list == null ? "no list" : "a null entry")
                                    + " for its " + kind.pluralName()));
                    return;
                }
                listed.put(kind, list);
            }
            plugins.add(new LoadedPlugin(name, version, spiVersion, location));
            listed.forEach((kind, list) -> list.forEach(component ->
                    register(kind, component, name, version, label)));
        }

        /** Registers one component unless its type or a name clashes. */
        private void register(
                ComponentKind kind,
                Component<?> component,
                String pluginName,
                String pluginVersion,
                String label) {
            String what = kind.displayName() + " '" + component.name() + "' of " + label;
            if (!kind.configType().isAssignableFrom(component.configType())) {
                failures.add(new PluginFailure(
                        pluginName,
                        what + " is refused: its config class " + component.configType().getName()
                                + " does not implement " + kind.configType().getSimpleName()));
                return;
            }
            Map<String, RegisteredComponent> names =
                    byName.computeIfAbsent(kind, k -> new HashMap<>());
            List<String> allNames =
                    Stream.concat(Stream.of(component.name()), component.aliases().stream())
                            .distinct()
                            .toList();
            for (String name : allNames) {
                RegisteredComponent taken = names.get(name);
                if (taken != null) {
                    failures.add(new PluginFailure(
                            pluginName,
                            what + " is refused: plugin '" + taken.pluginName() + "' "
                                    + taken.pluginVersion() + " already registers "
                                    + withArticle(kind.displayName()) + " "
                                    + (taken.name().equals(name) ? "named" : "with the alias")
                                    + " '" + name + "'"));
                    return;
                }
            }
            RegisteredComponent sameType = byConfigType.get(component.configType());
            if (sameType != null) {
                failures.add(new PluginFailure(
                        pluginName,
                        what + " is refused: its config class " + component.configType().getName()
                                + " is already registered as " + sameType.kind().displayName()
                                + " '" + sameType.name() + "' by plugin '"
                                + sameType.pluginName() + "' " + sameType.pluginVersion()));
                return;
            }
            RegisteredComponent registered = new RegisteredComponent(
                    kind,
                    component.name(),
                    component.aliases(),
                    component.configType(),
                    component.description(),
                    pluginName,
                    pluginVersion);
            allNames.forEach(name -> names.put(name, registered));
            byConfigType.put(component.configType(), registered);
        }

        /** Tells why a plugin's SPI version is refused, or null when it is compatible. */
        private static String spiRefusal(String label, String spiVersion) {
            boolean compatible;
            try {
                compatible = SpiVersion.isCompatible(spiVersion, SpiVersion.CURRENT);
            } catch (IllegalArgumentException e) {
                return label + " declares SPI version '" + spiVersion
                        + "', which is not MAJOR.MINOR; this runtime provides SPI "
                        + SpiVersion.CURRENT;
            }
            if (compatible) {
                return null;
            }
            return label + " was built for SPI " + spiVersion + ", which this runtime (SPI "
                    + SpiVersion.CURRENT + ") cannot load; use a version of the plugin built for SPI "
                    + SpiVersion.CURRENT + " or a runtime for SPI " + spiVersion;
        }

        private static String locationOf(Class<?> type) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            try {
                URI uri = source.getLocation().toURI();
                return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return source.getLocation().toString();
            }
        }

        private static String describe(Throwable error) {
            String type = error.getClass().getSimpleName();
            return error.getMessage() == null ? type : type + ": " + error.getMessage();
        }

        private static String withArticle(String noun) {
            return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }

        private static String quoted(String value) {
            return value == null ? "null" : "'" + value + "'";
        }
    }
}
