package org.ssl4j.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.config.ConfigReader.Format;
import org.ssl4j.runtime.registry.PluginRegistry;
import org.ssl4j.runtime.registry.fake.FakeConfigs;
import org.ssl4j.runtime.registry.fake.FakePlugins;
import org.ssl4j.runtime.registry.fake.ServiceFiles;
import org.ssl4j.runtime.network.InitFromBackbone;
import org.ssl4j.runtime.run.FinishedRun;

/** {@code initFrom} beside any backbone's type: read, written back, and refused when malformed. */
class InitFromConfigTest {

    @TempDir static Path plugins;

    private static ConfigReader reader;

    @BeforeAll
    static void loadFakePlugin() {
        reader = new ConfigReader(PluginRegistry.load(ServiceFiles.withPlugins(plugins, FakePlugins.Good.class)));
    }

    private static String config(String backbone) {
        return """
                seed: 7
                data: {type: fake-blobs, examples: 10}
                train: {steps: 100, batchSize: 8}
                method:
                  type: fake-method
                  backbone: %s
                """.formatted(backbone);
    }

    @Test
    void initFromWrapsTheBackboneAndTheResolvedConfigKeepsIt() {
        RunConfig config = reader.read(
                config("{type: fake-mlp, hidden: [4], initFrom: runs/moons/seed-1:teacher}"), Format.YAML, "a.yaml");
        FakeConfigs.Method method = (FakeConfigs.Method) config.methods().get("fake-method");
        assertEquals(
                new InitFromBackbone(new FakeConfigs.Mlp(List.of(4), 0.0, "relu"), "runs/moons/seed-1:teacher"),
                method.backbone());
        String yaml = reader.toYaml(config);
        assertTrue(yaml.contains("initFrom: runs/moons/seed-1:teacher"), yaml);
        assertEquals(config, reader.read(yaml, Format.YAML, "resolved.yaml"), "written and read back:\n" + yaml);
        assertEquals(config, reader.read(reader.toYaml(config), Format.YAML, "again.yaml"));
        RunConfig plain = reader.read(config("{type: fake-mlp, hidden: [4]}"), Format.YAML, "b.yaml");
        assertEquals(new FakeConfigs.Mlp(List.of(4), 0.0, "relu"),
                ((FakeConfigs.Method) plain.methods().get("fake-method")).backbone(), "no wrapper without initFrom");
    }

    @Test
    void aMalformedInitFromOrBackboneIsNamedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.read(config("{type: fake-mlp, initFrom: 3}"), Format.YAML, "a.yaml"));
        assertEquals("a.yaml: method.backbone.initFrom: must be RUN_DIR or RUN_DIR:network"
                + " (a finished run's folder), got 3", e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> reader.read(config("{type: fake-mlp, initFrom: runs/x, depth: 3}"), Format.YAML, "a.yaml"));
        assertTrue(e.getMessage().startsWith("a.yaml: method.backbone.depth: unknown field 'depth'"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> reader.read(config("{initFrom: runs/x}"), Format.YAML, "a.yaml"));
        assertTrue(e.getMessage().startsWith("a.yaml: method.backbone"), e.getMessage());
    }

    @Test
    void referencesSplitTheNetworkOffTheFolder() {
        assertEquals(new FinishedRun.Reference(Path.of("runs/a"), "student"), FinishedRun.Reference.parse("runs/a:student"));
        assertEquals(new FinishedRun.Reference(Path.of("runs/a"), null), FinishedRun.Reference.parse("runs/a"));
        assertEquals(new FinishedRun.Reference(Path.of("C:\\runs\\a"), null), FinishedRun.Reference.parse("C:\\runs\\a"));
    }
}
