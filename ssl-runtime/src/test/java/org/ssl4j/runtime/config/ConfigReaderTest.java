package org.ssl4j.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.runtime.config.ConfigReader.Format;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.registry.PluginRegistry;
import org.ssl4j.runtime.registry.fake.FakeConfigs;
import org.ssl4j.runtime.registry.fake.FakePlugins;
import org.ssl4j.runtime.registry.fake.ServiceFiles;

/** Reading valid configs in YAML and JSON, the short forms, and writing them back. */
class ConfigReaderTest {

    @TempDir
    static Path plugins;

    private static ConfigReader reader;

    @TempDir
    Path files;

    @BeforeAll
    static void loadFakePlugin() {
        reader = new ConfigReader(
                PluginRegistry.load(ServiceFiles.withPlugins(plugins, FakePlugins.Good.class)));
    }

    private static final String SHORT_FORM = """
            seed: 7
            data: {type: fake-blobs, examples: 10}
            train: {steps: 100, batchSize: 8}
            method:
              type: fake-method
              backbone: {type: fake-mlp}
            """;

    private static final FakeConfigs.Method DEFAULT_METHOD = new FakeConfigs.Method(
            new FakeConfigs.Mlp(List.of(16), 0.0, "relu"), null, null, null, 0.5, List.of());

    @Test
    void aPresetIsReplacedByItsExpansionWhichTheResolvedConfigShowsAndReadsBackAsItself() {
        RunConfig config = reader.read("""
                seed: 7
                data: {type: fake-blobs, examples: 10}
                train: {steps: 100, batchSize: 8}
                methods:
                  mine: {type: fake-preset, backbone: {type: fake-mlp}}
                """, Format.YAML, ConfigReader.INLINE);

        FakeConfigs.Method expanded = new FakeConfigs.Method(
                new FakeConfigs.Mlp(List.of(16), 0.0, "relu"), null, null, null, 0.25, List.of());
        assertEquals(Map.of("mine", expanded), config.methods());
        String yaml = reader.toYaml(config);
        assertTrue(yaml.contains("type: fake-method") && !yaml.contains("fake-preset"), yaml);
        RunConfig again = reader.read(yaml, Format.YAML, ConfigReader.INLINE);
        assertEquals(config, again);
        assertEquals(yaml, reader.toYaml(again), "resolving a resolved config changes nothing (resume compares them)");
    }

    @Test
    void aPresetWhoseExpansionDoesNotSettleIsRefusedNamingTheMethod() {
        ConfigException error = assertThrows(ConfigException.class, () -> reader.read("""
                data: {type: fake-blobs, examples: 10}
                train: {steps: 100, batchSize: 8}
                methods:
                  restless: {type: fake-drifting}
                """, Format.YAML, ConfigReader.INLINE));
        assertTrue(error.getMessage().contains("methods.restless") && error.getMessage().contains("expand"),
                error.getMessage());
    }

    @Test
    void shortFormsGiveOneSeedAndOneMethodKeyedByItsType() {
        RunConfig config = reader.read(SHORT_FORM, Format.YAML, ConfigReader.INLINE);

        assertEquals(List.of(7L), config.seeds());
        assertEquals(Map.of("fake-method", DEFAULT_METHOD), config.methods());
        assertEquals(new FakeConfigs.Blobs(10, true), config.data());
        assertEquals(TrainSettings.builder(100, 8).build(), config.train());
        assertEquals(new TrainSettings(100, 8, 7, 10, 10, 100, NonFinitePolicy.STOP, false), config.train());
        assertEquals(AugmentConfig.NONE, config.augment());
        assertEquals(new CpuExecutorConfig(null), config.executor());
        assertEquals("run", config.name());
    }

    @Test
    void leftOutSeedsMeanSeedOne() {
        RunConfig config = reader.read(SHORT_FORM.replace("seed: 7\n", ""), Format.YAML, "a.yaml");

        assertEquals(List.of(1L), config.seeds());
    }

    @Test
    void longFormsKeepFileOrderAndReadEveryKind() {
        RunConfig config = reader.read("""
                name: all-kinds
                seeds: [3, 1, 2]
                data: {type: fake-blobs, examples: 10, shuffle: false}
                augment:
                  weak: {type: fake-identity}
                train: {steps: 50, batchSize: 4, unlabeledRatio: 3}
                executor: {type: cpu, threads: 2}
                methods:
                  zeta:
                    type: fake-method
                    backbone: {type: fake-convnet}
                  alpha:
                    type: fake-method
                    backbone: {type: fake-mlp, hidden: [8, 4], dropout: 0.25}
                    optimizer:
                      type: fake-sgd
                      momentum: CLASSIC
                      schedule: {type: fake-cosine, warmupSteps: 5}
                    teacher: {type: fake-frozen, backbone: {type: fake-cnn, channels: 2}}
                    pseudoLabels: {type: fake-hard, threshold: 0.9}
                    threshold: 0.75
                    auxiliaryLosses:
                      - {type: fake-entropy, weight: 0.5}
                """, Format.YAML, "all.yaml");

        assertEquals("all-kinds", config.name());
        assertEquals(List.of(3L, 1L, 2L), config.seeds());
        assertEquals(List.of("zeta", "alpha"), List.copyOf(config.methods().keySet()));
        assertEquals(new FakeConfigs.Cnn(8), ((FakeConfigs.Method) config.methods().get("zeta")).backbone());
        assertEquals(
                new FakeConfigs.Method(
                        new FakeConfigs.Mlp(List.of(8, 4), 0.25, "relu"),
                        new FakeConfigs.Sgd(
                                0.1, FakeConfigs.Momentum.CLASSIC, new FakeConfigs.Cosine(5L)),
                        new FakeConfigs.Frozen(new FakeConfigs.Cnn(2)),
                        new FakeConfigs.HardLabels(0.9),
                        0.75,
                        List.of(new FakeConfigs.Entropy(0.5))),
                config.methods().get("alpha"));
        assertEquals(new AugmentConfig(new FakeConfigs.Identity(), null), config.augment());
        assertEquals(new CpuExecutorConfig(2), config.executor());
        assertEquals(TrainSettings.builder(50, 4).unlabeledRatio(3).evaluateEvery(5).logEvery(10).build(), config.train());
    }

    @Test
    void jsonReadsToTheSameConfigAsYaml() {
        RunConfig json = reader.read("""
                {
                  "seed": 7,
                  "data": {"type": "fake-blobs", "examples": 10},
                  "train": {"steps": 100, "batchSize": 8},
                  "method": {"type": "fake-method", "backbone": {"type": "fake-mlp"}}
                }
                """, Format.JSON, ConfigReader.INLINE);

        assertEquals(reader.read(SHORT_FORM, Format.YAML, ConfigReader.INLINE), json);
    }

    @Test
    void readsFilesByTheirExtension() throws IOException {
        Path yaml = Files.writeString(files.resolve("run.yaml"), SHORT_FORM);
        Path yml = Files.writeString(files.resolve("run.YML"), SHORT_FORM);
        Path json = Files.writeString(files.resolve("run.json"), """
                {"seed": 7, "data": {"type": "fake-blobs", "examples": 10},
                 "train": {"steps": 100, "batchSize": 8},
                 "method": {"type": "fake-method", "backbone": {"type": "fake-mlp"}}}
                """);

        RunConfig expected = reader.read(SHORT_FORM, Format.YAML, ConfigReader.INLINE);
        assertEquals(expected, reader.read(yaml));
        assertEquals(expected, reader.read(yml));
        assertEquals(expected, reader.read(json));
    }

    @Test
    void errorsFromAFileNameTheFile() throws IOException {
        Path yaml = Files.writeString(
                files.resolve("bad.yaml"), SHORT_FORM.replace("steps: 100", "steps: abc"));

        ConfigException e = assertThrows(ConfigException.class, () -> reader.read(yaml));
        assertEquals(yaml + ": train.steps: expected a whole number, got 'abc'", e.getMessage());
        assertEquals(yaml.toString(), e.source());
    }

    @Test
    void refusesOtherExtensionsMissingFilesAndNonUtf8() throws IOException {
        Path text = Files.writeString(files.resolve("run.txt"), SHORT_FORM);
        assertEquals(
                text + ": unknown config format: use a .yaml, .yml or .json file",
                assertThrows(ConfigException.class, () -> reader.read(text)).getMessage());

        Path missing = files.resolve("missing.yaml");
        assertEquals(
                missing + ": no such file",
                assertThrows(ConfigException.class, () -> reader.read(missing)).getMessage());

        Path latin1 = Files.write(
                files.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(
                latin1 + ": not UTF-8 text",
                assertThrows(ConfigException.class, () -> reader.read(latin1)).getMessage());
    }

    @Test
    void toYamlWritesRegisteredNamesAndReadsBackEqual() {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("cnn", new FakeConfigs.Method(
                new FakeConfigs.Cnn(3), null, null, null, null, null));
        methods.put("full", new FakeConfigs.Method(
                new FakeConfigs.Mlp(List.of(8, 4), 0.25, "tanh"),
                new FakeConfigs.Sgd(0.05, FakeConfigs.Momentum.CLASSIC, new FakeConfigs.Cosine(5L)),
                new FakeConfigs.Frozen(new FakeConfigs.Cnn(2)),
                new FakeConfigs.HardLabels(0.9),
                0.75,
                List.of(new FakeConfigs.Entropy(0.5), new FakeConfigs.Entropy(null))));
        RunConfig config = new RunConfig(
                "round-trip",
                List.of(1L, 2L),
                new FakeConfigs.Blobs(10, false),
                new AugmentConfig(new FakeConfigs.Identity(), new FakeConfigs.Identity()),
                methods,
                TrainSettings.builder(50, 4).unlabeledRatio(3).evaluateEvery(5).logEvery(10).build(),
                new CpuExecutorConfig(null));

        String yaml = reader.toYaml(config);

        assertEquals(config, reader.read(yaml, Format.YAML, "config.yaml"));
        assertTrue(yaml.contains("type: fake-cnn"), yaml);
        assertTrue(yaml.contains("type: fake-identity"), yaml);
        assertFalse(yaml.contains("fake-convnet"), yaml);
        assertFalse(yaml.contains("null"), yaml);
        assertFalse(yaml.startsWith("---"), yaml);
    }

    @Test
    void toYamlOfAReadConfigUsesTheNameForAnAlias() {
        RunConfig config = reader.read(
                SHORT_FORM.replace("{type: fake-mlp}", "{type: fake-convnet}"), Format.YAML, "a.yaml");

        String yaml = reader.toYaml(config);

        assertInstanceOf(FakeConfigs.Cnn.class, ((FakeConfigs.Method) config.methods().get("fake-method")).backbone());
        assertTrue(yaml.contains("type: fake-cnn"), yaml);
        assertFalse(yaml.contains("fake-convnet"), yaml);
        assertEquals(config, reader.read(yaml, Format.YAML, "config.yaml"));
    }
}
