package org.ssl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * The contract every SSL4J plugin passes, as JUnit 5 tests a plugin's test class inherits.
 *
 * <p>Extend it in the plugin's tests, name the plugin's entry class and give sample configs,
 * at least one per component (with only the required fields set, so that defaults are used):
 *
 * <pre>{@code
 * class EntropyPluginContractTest extends PluginContractTest {
 *     protected Class<? extends Ssl4jPlugin> pluginClass() { return EntropyPlugin.class; }
 *     protected List<ConfigSample> samples() {
 *         return List.of(
 *                 ConfigSample.of(AuxiliaryLossConfig.class, "{\"type\": \"entropy\"}"),
 *                 ConfigSample.of(AuxiliaryLossConfig.class, "{\"type\": \"entropy\", \"weight\": 0.5}"));
 *     }
 * }
 * }</pre>
 *
 * <p>The tests:
 *
 * <ul>
 *   <li>{@link ServiceLoader} finds the plugin (registered with {@code @AutoService}), once;
 *       its name and version are set and its component lists hold no nulls;
 *   <li>its {@code spiVersion()} is {@link SpiVersion#CURRENT} of the SPI it is compiled with;
 *   <li>every component has a sample (or runs inside the expansion of a method sample or in
 *       one of {@link #compositions()}, for a phase or role that only works with its partners),
 *       and every sample's {@code type} is one of the plugin's components; each component's
 *       config class implements its kind's config interface;
 *   <li>each sample survives a serde round trip with the runtime's Jackson settings: defaults
 *       are filled in (no field is null after reading), reading the written config gives an
 *       equal record; an unknown field added to any section is refused with its path; a field
 *       taken out gets its default or is refused with an {@code InvalidConfigException} naming
 *       it;
 *   <li>each sample's component, run for a few steps on random data as a run would (one
 *       sub-manager per step), leaves no arrays behind in the long-lived managers;
 *   <li>two runs with the same seed compute exactly the same values on the CPU;
 *   <li>each of {@link #compositions()} (methods that put the plugin's students and teachers
 *       together with others) runs as a method and repeats exactly.
 * </ul>
 *
 * <p>Nested components in a sample (a method's backbone) can be any component on the test class
 * path; the kit brings a backbone {@code testkit-mlp} and an optimizer {@code testkit-sgd} for
 * plugins that have none. The plugin's tests need an engine on their class path (the PyTorch
 * engine, JNI and CPU native jars, test scope) and should run with one libtorch thread, as the
 * SSL4J build's surefire {@code argLine} does, so that seeded runs repeat bit for bit.
 */
public abstract class PluginContractTest {

    /**
     * @return the plugin's entry class, the one annotated {@code @AutoService(Ssl4jPlugin.class)}
     */
    protected abstract Class<? extends Ssl4jPlugin> pluginClass();

    /**
     * @return sample configs, at least one per component of the plugin
     */
    protected abstract List<ConfigSample> samples();

    /**
     * Compositions that run the plugin's roles together with others: method configs whose {@code
     * student} or {@code teacher} is one of the plugin's. Each runs as a method does in {@link
     * #stepsLeaveNoArraysInLongLivedManagers} and must repeat exactly. The default composes, when
     * the {@code teacher-student} method of {@code ssl-steps} is on the class path, each student
     * sample as the student of a composition without a teacher, and each teacher sample as the
     * teacher of the kit's {@code testkit-student} (which measures its feedback, so any teacher
     * fits); override to drop samples that cannot run here or to add compositions.
     *
     * @return method samples, possibly empty
     */
    protected List<ConfigSample> compositions() {
        boolean composable =
                ServiceLoader.load(Ssl4jPlugin.class, loader()).stream()
                        .map(ServiceLoader.Provider::get)
                        .flatMap(plugin -> plugin.methods().stream())
                        .anyMatch(component -> component.name().equals("teacher-student"));
        if (!composable) {
            return List.of();
        }
        String kitStudent =
                "{\"type\": \"testkit-student\", \"backbone\": {\"type\": \"testkit-mlp\"},"
                        + " \"optimizer\": {\"type\": \"testkit-sgd\"}}";
        List<ConfigSample> compositions = new java.util.ArrayList<>();
        for (ConfigSample sample : samples().stream().filter(this::runnable).toList()) {
            String method = null;
            if (sample.kind() == org.ssl4j.api.role.StudentConfig.class) {
                method = "{\"type\": \"teacher-student\", \"student\": " + sample.json() + "}";
            } else if (sample.kind() == org.ssl4j.api.role.TeacherConfig.class) {
                method =
                        "{\"type\": \"teacher-student\", \"teacher\": "
                                + sample.json()
                                + ", \"student\": "
                                + kitStudent
                                + "}";
            }
            if (method != null) {
                compositions.add(
                        new ConfigSample(
                                org.ssl4j.api.method.MethodConfig.class,
                                method,
                                sample.exampleShape(),
                                sample.classes(),
                                java.util.Set.of()));
            }
        }
        return compositions;
    }

    /**
     * @return the engine seed of the runs; override to try another
     */
    protected long seed() {
        return 7;
    }

    /** The plugin is listed in {@code META-INF/services} once, loads, and describes itself. */
    @Test
    public void serviceLoaderFindsThePlugin() {
        List<Ssl4jPlugin> found = ServiceLoader.load(Ssl4jPlugin.class, loader()).stream()
                .filter(provider -> provider.type() == pluginClass())
                .map(ServiceLoader.Provider::get)
                .toList();
        assertEquals(
                1,
                found.size(),
                () -> "ServiceLoader finds " + pluginClass().getName() + " " + found.size()
                        + " times; annotate it with @AutoService(Ssl4jPlugin.class) once");
        Ssl4jPlugin plugin = found.get(0);
        assertFalse(plugin.name() == null || plugin.name().isBlank(), "the plugin's name is blank");
        assertFalse(plugin.version() == null || plugin.version().isBlank(), "the plugin's version is blank");
        for (ComponentKind kind : ComponentKind.values()) {
            List<? extends Component<?>> components = kind.componentsOf(plugin);
            assertNotNull(components, () -> kind + " list is null; return List.of()");
            components.forEach(component -> {
                assertNotNull(component, () -> kind + " list holds a null");
                assertTrue(
                        kind.configType().isAssignableFrom(component.configType()),
                        () -> component.name() + ": " + component.configType().getName()
                                + " does not implement " + kind.configType().getSimpleName());
            });
        }
    }

    /** The plugin declares the SPI version it is compiled against. */
    @Test
    public void spiVersionIsCurrent() {
        assertEquals(SpiVersion.CURRENT, plugin().spiVersion(), "return SpiVersion.CURRENT from spiVersion()");
    }

    /** Every component has a sample, and every sample is one of the plugin's components. */
    @Test
    public void everyComponentHasASample() {
        ConfigMapper mapper = mapper();
        Set<Class<?>> sampled = samples().stream()
                .map(sample -> new ConfigRoundTrip(mapper, sample).read().getClass())
                .collect(Collectors.toSet());
        Set<Class<?>> covered = new java.util.HashSet<>(sampled);
        // a phase or role that only works with its partners (MPL's soft-exact phase drives a meta
        // teacher) is sampled by a method whose expansion, or a composition, runs it
        Stream.concat(samples().stream(), compositions().stream())
                .filter(sample -> sample.kind() == org.ssl4j.api.method.MethodConfig.class)
                .map(sample -> ((org.ssl4j.api.method.MethodConfig) read(sample)).expand())
                .forEach(expansion -> collectNested(expansion, covered));
        List<String> missing = new ArrayList<>();
        List<Class<?>> ours = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            for (Component<?> component : kind.componentsOf(plugin())) {
                ours.add(component.configType());
                if (!covered.contains(component.configType())) {
                    missing.add(component.name());
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> "components without a sample: " + missing);
        for (Class<?> type : sampled) {
            assertTrue(ours.contains(type), () -> "a sample reads as " + type.getName() + ", not a component of this plugin");
        }
    }

    /** Each sample reads with its defaults filled in, and writing and reading it again is stable. */
    @TestFactory
    public Stream<DynamicTest> configsSurviveARoundTrip() {
        return forEachSample(sample -> new ConfigRoundTrip(mapper(), sample).defaultsAreFilledAndSurviveARoundTrip());
    }

    /** An unknown field in any section of each sample is refused with its path. */
    @TestFactory
    public Stream<DynamicTest> unknownFieldsAreRefusedWithTheirPath() {
        return forEachSample(sample -> new ConfigRoundTrip(mapper(), sample).unknownFieldsAreRefusedWithTheirPath());
    }

    /** A field taken out of each sample gets its default, or the error names it. */
    @TestFactory
    public Stream<DynamicTest> removedFieldsGetTheirDefaultOrAreNamed() {
        return forEachSample(sample -> new ConfigRoundTrip(mapper(), sample).removedFieldsGetTheirDefaultOrAreNamed());
    }

    /** Each sample's component leaves no arrays in long-lived managers after a step. */
    @TestFactory
    public Stream<DynamicTest> stepsLeaveNoArraysInLongLivedManagers() {
        return forEachRunnableSample(sample -> {
            List<Double> values = new ComponentRun(sample, read(sample), seed()).run();
            assertFalse(values.isEmpty(), "the run computed nothing");
        });
    }

    /** Two runs of each sample's component with the same seed compute the same values. */
    @TestFactory
    public Stream<DynamicTest> seededRunsRepeatExactly() {
        return forEachRunnableSample(sample -> {
            List<Double> first = new ComponentRun(sample, read(sample), seed()).run();
            List<Double> second = new ComponentRun(sample, read(sample), seed()).run();
            assertEquals(first.size(), second.size(), "the two runs computed different numbers of values");
            for (int i = 0; i < first.size(); i++) {
                int at = i;
                assertEquals(
                        first.get(i),
                        second.get(i),
                        () -> "value " + at + " differs between two runs with seed " + seed()
                                + ": take all randomness from the step's Random or the engine's seeded generator");
            }
        });
    }

    /** The plugin's roles run inside each composition of {@link #compositions()}, repeatably. */
    @TestFactory
    public Stream<DynamicTest> rolesRunInsideCompositions() {
        return compositions().stream()
                .map(sample -> DynamicTest.dynamicTest(sample.toString(), () -> {
                    assertEquals(
                            org.ssl4j.api.method.MethodConfig.class,
                            sample.kind(),
                            "a composition is a method config");
                    List<Double> first = new ComponentRun(sample, read(sample), seed()).run();
                    List<Double> second = new ComponentRun(sample, read(sample), seed()).run();
                    assertEquals(first, second, "two runs of the composition with seed " + seed() + " differ");
                }));
    }

    /** Adds the classes of the records nested in {@code value} (through records and lists). */
    private static void collectNested(Object value, Set<Class<?>> classes) {
        if (value instanceof Record record) {
            classes.add(record.getClass());
            for (java.lang.reflect.RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    collectNested(component.getAccessor().invoke(record), classes);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot read " + component, e);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collectNested(element, classes));
        }
    }

    /**
     * The samples the kit runs (steps, repeatability, compositions): all of {@link #samples()}
     * by default. A component that needs what only the runtime has (a finished run's folder on
     * disk) is left out here by an override that says why and names the end-to-end test that
     * runs it instead; its config is still checked by the round-trip tests.
     *
     * @param sample one of {@link #samples()}
     * @return whether the kit runs it
     */
    protected boolean runnable(ConfigSample sample) {
        return true;
    }

    private Stream<DynamicTest> forEachRunnableSample(Consumer<ConfigSample> check) {
        return forEach(samples().stream().filter(this::runnable).toList(), check);
    }

    private Stream<DynamicTest> forEachSample(Consumer<ConfigSample> check) {
        return forEach(samples(), check);
    }

    private Stream<DynamicTest> forEach(List<ConfigSample> samples, Consumer<ConfigSample> check) {
        assertFalse(samples.isEmpty(), "no samples: give at least one sample per component");
        samples.forEach(sample -> assertTrue(
                ComponentKind.ofConfigType(sample.kind()).isPresent(),
                () -> sample.kind().getName() + " is not a component kind's config interface"));
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.toString(), () -> check.accept(sample)));
    }

    private Object read(ConfigSample sample) {
        return new ConfigRoundTrip(mapper(), sample).read();
    }

    private Ssl4jPlugin plugin() {
        return ServiceLoader.load(Ssl4jPlugin.class, loader()).stream()
                .filter(provider -> provider.type() == pluginClass())
                .map(ServiceLoader.Provider::get)
                .findFirst()
                .orElseGet(() -> fail("ServiceLoader does not find " + pluginClass().getName()
                        + "; annotate it with @AutoService(Ssl4jPlugin.class)"));
    }

    private ConfigMapper mapper() {
        return new ConfigMapper(loader());
    }

    private ClassLoader loader() {
        return pluginClass().getClassLoader();
    }
}
