package org.ssl4j.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.runtime.registry.fake.FakeConfigs;
import org.ssl4j.runtime.registry.fake.FakePlugins;
import org.ssl4j.runtime.registry.fake.ServiceFiles;

class PluginRegistryTest {

    @TempDir
    Path folder;

    private PluginRegistry load(Class<?>... plugins) {
        return PluginRegistry.load(ServiceFiles.withPlugins(folder, plugins));
    }

    private static List<String> names(PluginRegistry registry, ComponentKind kind) {
        return registry.components(kind).stream().map(RegisteredComponent::name).toList();
    }

    @Test
    void listsAPluginAndItsComponentsOfEveryKind() {
        PluginRegistry registry = load(FakePlugins.Good.class);

        assertEquals(List.of(), registry.failures());
        assertEquals(1, registry.plugins().size());
        LoadedPlugin plugin = registry.plugins().get(0);
        assertEquals("fake-plugin", plugin.name());
        assertEquals("0.1.0", plugin.version());
        assertEquals(SpiVersion.CURRENT, plugin.spiVersion());
        assertTrue(plugin.location().endsWith("test-classes"), plugin.location());

        assertEquals(List.of("fake-drifting", "fake-method", "fake-preset"), names(registry, ComponentKind.METHOD));
        assertEquals(List.of("fake-stage"), names(registry, ComponentKind.PHASE));
        assertEquals(List.of("fake-learner"), names(registry, ComponentKind.STUDENT));
        assertEquals(List.of("fake-cnn", "fake-mlp"), names(registry, ComponentKind.BACKBONE));
        assertEquals(List.of("fake-blobs"), names(registry, ComponentKind.DATA_SOURCE));
        assertEquals(List.of("fake-identity"), names(registry, ComponentKind.AUGMENTATION));
        assertEquals(List.of("fake-sgd"), names(registry, ComponentKind.OPTIMIZER));
        assertEquals(List.of("fake-cosine"), names(registry, ComponentKind.SCHEDULE));
        assertEquals(List.of("fake-frozen"), names(registry, ComponentKind.TEACHER));
        assertEquals(List.of("fake-hard"), names(registry, ComponentKind.PSEUDO_LABEL_STRATEGY));
        assertEquals(List.of("fake-entropy"), names(registry, ComponentKind.AUXILIARY_LOSS));

        assertEquals(
                new RegisteredComponent(
                        ComponentKind.BACKBONE,
                        "fake-cnn",
                        List.of("fake-convnet"),
                        FakeConfigs.Cnn.class,
                        "a fake CNN",
                        "fake-plugin",
                        "0.1.0"),
                registry.components(ComponentKind.BACKBONE).get(0));
    }

    @Test
    void findsNoPluginsWhenNoneIsListed() {
        PluginRegistry registry = load();

        assertEquals(List.of(), registry.plugins());
        assertEquals(List.of(), registry.failures());
        for (ComponentKind kind : ComponentKind.values()) {
            assertEquals(List.of(), registry.components(kind), kind.name());
        }
    }

    @Test
    void loadDefaultUsesTheContextClassLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ServiceFiles.withPlugins(folder, FakePlugins.Good.class));
        try {
            assertEquals(
                    List.of("fake-plugin"),
                    PluginRegistry.loadDefault().plugins().stream().map(LoadedPlugin::name).toList());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void refusesAPluginBuiltForSpi1() {
        PluginRegistry registry = load(FakePlugins.OldSpi.class, FakePlugins.Good.class);

        assertEquals(
                List.of(new PluginFailure(
                        "old-plugin",
                        "plugin 'old-plugin' 0.3.0 was built for SPI 1.1, which this runtime (SPI "
                                + SpiVersion.CURRENT + ") cannot load; use a version of the plugin"
                                + " built for SPI " + SpiVersion.CURRENT
                                + " or a runtime for SPI 1.1")),
                registry.failures());
        assertEquals(List.of("fake-plugin"), registry.plugins().stream().map(LoadedPlugin::name).toList());
        assertEquals(List.of("fake-cnn", "fake-mlp"), names(registry, ComponentKind.BACKBONE));
    }

    @Test
    void refusesAPluginBuiltForANewerMajorSpi() {
        PluginRegistry registry = load(FakePlugins.FutureSpi.class);

        assertEquals(1, registry.failures().size());
        PluginFailure failure = registry.failures().get(0);
        assertEquals("future-plugin", failure.plugin());
        assertTrue(
                failure.message().startsWith(
                        "plugin 'future-plugin' 3.0.0 was built for SPI 3.0, which this runtime (SPI "
                                + SpiVersion.CURRENT + ") cannot load"),
                failure.message());
        assertEquals(List.of(), registry.plugins());
    }

    @Test
    void refusesASpiVersionThatIsNotMajorDotMinor() {
        PluginRegistry registry = load(FakePlugins.BadSpi.class);

        assertEquals(
                List.of(new PluginFailure(
                        "odd-plugin",
                        "plugin 'odd-plugin' 1.0.0 declares SPI version 'one', which is not"
                                + " MAJOR.MINOR; this runtime provides SPI " + SpiVersion.CURRENT)),
                registry.failures());
    }

    @Test
    void reportsAPluginWhoseConstructorThrowsByItsClassName() {
        PluginRegistry registry = load(FakePlugins.ThrowingConstructor.class, FakePlugins.Good.class);

        String className = FakePlugins.ThrowingConstructor.class.getName();
        assertEquals(
                List.of(new PluginFailure(
                        className,
                        "plugin class " + className
                                + " could not be created: IllegalStateException: no GPU here")),
                registry.failures());
        assertEquals(List.of("fake-plugin"), registry.plugins().stream().map(LoadedPlugin::name).toList());
    }

    @Test
    void reportsAPluginThatThrowsWhileListingAndRegistersNoneOfItsComponents() {
        PluginRegistry registry = load(FakePlugins.ThrowingList.class, FakePlugins.Good.class);

        assertEquals(
                List.of(new PluginFailure(
                        "broken-list-plugin",
                        "plugin 'broken-list-plugin' 0.2.0 failed while listing its backbones:"
                                + " IllegalStateException: index file missing")),
                registry.failures());
        assertEquals(List.of("fake-plugin"), registry.plugins().stream().map(LoadedPlugin::name).toList());
        assertEquals(List.of("fake-blobs"), names(registry, ComponentKind.DATA_SOURCE));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void reportsAListedClassThatDoesNotExistAndLoadsTheRest() {
        String missing = "org.ssl4j.runtime.registry.fake.NoSuchPlugin";
        PluginRegistry registry = PluginRegistry.load(ServiceFiles.withProviders(
                folder, List.of(missing, FakePlugins.Good.class.getName())));

        assertEquals(1, registry.failures().size());
        PluginFailure failure = registry.failures().get(0);
        assertEquals(missing, failure.plugin());
        assertEquals("cannot load a plugin: Provider " + missing + " not found", failure.message());
        assertEquals(List.of("fake-plugin"), registry.plugins().stream().map(LoadedPlugin::name).toList());
    }

    @Test
    void refusesTheSecondComponentWithATakenNameAliasOrConfigClass() {
        PluginRegistry registry = load(FakePlugins.Good.class, FakePlugins.Duplicate.class);

        assertEquals(
                List.of(
                        new PluginFailure(
                                "dup-plugin",
                                "backbone 'fake-mlp' of plugin 'dup-plugin' 0.2.0 is refused: plugin"
                                        + " 'fake-plugin' 0.1.0 already registers a backbone named"
                                        + " 'fake-mlp'"),
                        new PluginFailure(
                                "dup-plugin",
                                "backbone 'dup-net' of plugin 'dup-plugin' 0.2.0 is refused: plugin"
                                        + " 'fake-plugin' 0.1.0 already registers a backbone with the"
                                        + " alias 'fake-convnet'"),
                        new PluginFailure(
                                "dup-plugin",
                                "backbone 'mlp-again' of plugin 'dup-plugin' 0.2.0 is refused: its"
                                        + " config class " + FakeConfigs.Mlp.class.getName()
                                        + " is already registered as backbone 'fake-mlp' by plugin"
                                        + " 'fake-plugin' 0.1.0")),
                registry.failures());
        assertEquals(
                List.of("fake-plugin", "dup-plugin"),
                registry.plugins().stream().map(LoadedPlugin::name).toList());
        assertEquals(List.of("fake-cnn", "fake-mlp"), names(registry, ComponentKind.BACKBONE));
        assertEquals("fake-plugin", registry.components(ComponentKind.BACKBONE).get(1).pluginName());
        assertEquals(List.of("fake-blobs", "fake-csv"), names(registry, ComponentKind.DATA_SOURCE));
    }

    @Test
    void theFirstPluginOnTheClassPathWinsAClash() {
        PluginRegistry registry = load(FakePlugins.Duplicate.class, FakePlugins.Good.class);

        assertEquals("dup-plugin", registry.components(ComponentKind.BACKBONE).stream()
                .filter(component -> component.name().equals("fake-mlp"))
                .findFirst()
                .orElseThrow()
                .pluginName());
        assertEquals(
                "backbone 'fake-mlp' of plugin 'fake-plugin' 0.1.0 is refused: plugin 'dup-plugin'"
                        + " 0.2.0 already registers a backbone named 'fake-mlp'",
                registry.failures().get(0).message());
    }

    @Test
    void refusesASecondPluginWithTheSameName() {
        PluginRegistry registry = load(FakePlugins.Good.class, FakePlugins.SameName.class);

        assertEquals(1, registry.failures().size());
        String message = registry.failures().get(0).message();
        assertTrue(message.startsWith("plugin 'fake-plugin' 0.9.0 ("), message);
        assertTrue(message.contains(") is refused: plugin 'fake-plugin' 0.1.0 is already loaded from "), message);
        assertEquals(List.of("0.1.0"), registry.plugins().stream().map(LoadedPlugin::version).toList());
    }

    @Test
    void namesARegisteredConfigByItsNameNeverItsAlias() {
        PluginRegistry registry = load(FakePlugins.Good.class);

        assertEquals("fake-cnn", registry.nameOf(new FakeConfigs.Cnn(4)));
        assertEquals("fake-entropy", registry.nameOf(new FakeConfigs.Entropy(null)));
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class, () -> registry.nameOf(new FakeConfigs.OtherNet(1)));
        assertEquals(
                "config class " + FakeConfigs.OtherNet.class.getName() + " is not a registered component",
                error.getMessage());
    }

    @Test
    void givesJacksonTypesForNamesAndForAliasesApart() {
        PluginRegistry registry = load(FakePlugins.Good.class);

        List<NamedType> named = registry.namedTypes();
        assertEquals(14, named.size());
        assertTrue(named.contains(new NamedType(FakeConfigs.Cnn.class, "fake-cnn")));
        assertTrue(named.contains(new NamedType(FakeConfigs.Method.class, "fake-method")));
        assertEquals(
                List.of(new NamedType(FakeConfigs.Cnn.class, "fake-convnet")),
                registry.aliasNamedTypes());
    }
}
