package org.ssl4j.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.config.ConfigReader.Format;
import org.ssl4j.runtime.registry.PluginRegistry;
import org.ssl4j.runtime.registry.fake.FakePlugins;
import org.ssl4j.runtime.registry.fake.ServiceFiles;

/** Every kind of config mistake, and the one-line message it gives. */
class ConfigReaderErrorsTest {

    private static final String BACKBONES = "registered backbones: fake-cnn, fake-mlp";

    @TempDir
    static Path folder;

    private static ConfigReader reader;

    @BeforeAll
    static void loadFakePlugin() {
        reader = new ConfigReader(
                PluginRegistry.load(ServiceFiles.withPlugins(folder, FakePlugins.Good.class)));
    }

    /** A valid config with {@code METHOD} as the method's extra lines (indented by 2). */
    private static String config(String method) {
        return """
                seed: 1
                data: {type: fake-blobs, examples: 10}
                train: {steps: 100, batchSize: 8}
                method:
                  type: fake-method
                  backbone: {type: fake-mlp}
                """ + method;
    }

    private static ConfigException error(String yaml) {
        return assertThrows(
                ConfigException.class, () -> reader.read(yaml, Format.YAML, "run.yaml"));
    }

    private static void assertMessage(String expected, String yaml) {
        assertEquals(expected, error(yaml).getMessage());
    }

    @Test
    void unknownTypeNamesThePathTheValueAndTheRegisteredNames() {
        ConfigException e = error(config("""
                  teacher:
                    type: fake-frozen
                    backbone: {type: resnet9}
                """));
        assertEquals(
                "run.yaml: method.teacher.backbone.type: unknown backbone 'resnet9'; " + BACKBONES,
                e.getMessage());
        assertEquals("run.yaml", e.source());
        assertEquals("method.teacher.backbone.type", e.path());
    }

    @Test
    void unknownMethodTypeListsTheMethods() {
        assertMessage(
                "run.yaml: method.type: unknown method 'fixmatch'; registered methods: fake-drifting, fake-method, fake-preset",
                config("").replace("type: fake-method", "type: fixmatch"));
    }

    @Test
    void unknownExecutorTypeListsTheRuntimesExecutors() {
        assertMessage(
                "run.yaml: executor.type: unknown type 'tpu'; allowed types: cpu, gpu, multi-gpu",
                config("") + "executor: {type: tpu}\n");
    }

    @Test
    void missingTypeListsTheRegisteredNames() {
        assertMessage(
                "run.yaml: method.backbone: missing 'type'; " + BACKBONES,
                config("").replace("{type: fake-mlp}", "{hidden: [4]}"));
    }

    @Test
    void aNameWhereASectionBelongsSaysSo() {
        assertMessage(
                "run.yaml: method.backbone: expected an object (a section) with a 'type', got"
                        + " 'fake-mlp'; " + BACKBONES,
                config("").replace("{type: fake-mlp}", "fake-mlp"));
    }

    @Test
    void unknownFieldListsTheAllowedFieldsWithoutType() {
        assertMessage(
                "run.yaml: method.backbone.widths: unknown field 'widths'; allowed fields:"
                        + " activation, dropout, hidden",
                config("").replace("{type: fake-mlp}", "{type: fake-mlp, widths: [4]}"));
    }

    @Test
    void unknownTopLevelFieldListsTheSections() {
        assertMessage(
                "run.yaml: trian: unknown field 'trian'; allowed fields: augment, data, executor,"
                        + " method, methods, name, seed, seeds, train",
                config("") + "trian: {}\n");
    }

    @Test
    void textWhereAWholeNumberBelongs() {
        assertMessage(
                "run.yaml: train.steps: expected a whole number, got 'abc'",
                config("").replace("steps: 100", "steps: abc"));
    }

    @Test
    void fractionWhereAWholeNumberBelongs() {
        assertMessage(
                "run.yaml: train.steps: expected a whole number, got 1.5",
                config("").replace("steps: 100", "steps: 1.5"));
    }

    @Test
    void textWhereANumberBelongs() {
        assertMessage(
                "run.yaml: method.threshold: expected a number, got 'high'",
                config("  threshold: high\n"));
    }

    @Test
    void wrongValueInAListNamesItsIndex() {
        assertMessage(
                "run.yaml: method.backbone.hidden[1]: expected a whole number, got 'wide'",
                config("").replace("{type: fake-mlp}", "{type: fake-mlp, hidden: [4, wide]}"));
    }

    @Test
    void singleValueWhereAListBelongs() {
        assertMessage(
                "run.yaml: method.backbone.hidden: expected a list, got 16",
                config("").replace("{type: fake-mlp}", "{type: fake-mlp, hidden: 16}"));
    }

    @Test
    void textWhereTrueOrFalseBelongs() {
        assertMessage(
                "run.yaml: data.shuffle: expected true or false, got 'maybe'",
                config("").replace("examples: 10}", "examples: 10, shuffle: maybe}"));
    }

    @Test
    void listWhereATextBelongs() {
        assertMessage("run.yaml: name: expected a text, got a list", config("") + "name: [a, b]\n");
    }

    @Test
    void numberWhereASectionBelongs() {
        assertMessage(
                "run.yaml: train: expected an object (a section), got 12",
                config("").replace("train: {steps: 100, batchSize: 8}", "train: 12"));
    }

    @Test
    void wrongEnumValueListsTheConstants() {
        assertMessage(
                "run.yaml: method.optimizer.momentum: expected one of NONE, CLASSIC, got 'classic'",
                config("  optimizer: {type: fake-sgd, momentum: classic}\n"));
    }

    @Test
    void emptyValueWhereAPrimitiveNumberBelongs() {
        assertMessage(
                "run.yaml: method.pseudoLabels.threshold: expected a number, got an empty value",
                config("  pseudoLabels: {type: fake-hard, threshold: }\n"));
    }

    @Test
    void outOfRangeValueNamesTheRecordsPathAndTheField() {
        assertMessage(
                "run.yaml: method.pseudoLabels.threshold: must be in [0.0, 1.0], got 1.5",
                config("  pseudoLabels: {type: fake-hard, threshold: 1.5}\n"));
    }

    @Test
    void outOfRangeValueInAMethodsMapNamesTheKey() {
        assertMessage(
                "run.yaml: methods.fixmatch.threshold: must be in [0.0, 1.0], got 1.5",
                """
                seed: 1
                data: {type: fake-blobs, examples: 10}
                train: {steps: 100, batchSize: 8}
                methods:
                  baseline: {type: fake-method, backbone: {type: fake-mlp}}
                  fixmatch: {type: fake-method, backbone: {type: fake-mlp}, threshold: 1.5}
                """);
    }

    @Test
    void outOfRangeValueInAListElement() {
        assertMessage(
                "run.yaml: method.auxiliaryLosses[1].weight: must be a finite number >= 0, got -1.0",
                config("""
                  auxiliaryLosses:
                    - {type: fake-entropy}
                    - {type: fake-entropy, weight: -1}
                """));
    }

    @Test
    void missingRequiredFields() {
        assertMessage(
                "run.yaml: method.backbone: is required",
                config("").replace("  backbone: {type: fake-mlp}\n", ""));
        assertMessage(
                "run.yaml: data.examples: is required",
                config("").replace("{type: fake-blobs, examples: 10}", "{type: fake-blobs}"));
        assertMessage(
                "run.yaml: train.steps: is required",
                config("").replace("steps: 100, ", ""));
        assertMessage(
                "run.yaml: data: is required",
                config("").replace("data: {type: fake-blobs, examples: 10}\n", ""));
    }

    @Test
    void missingMethodSaysHowToGiveOne() {
        assertMessage(
                "run.yaml: methods: is required: give 'method' (one method) or 'methods' (several,"
                        + " by name)",
                """
                seed: 1
                data: {type: fake-blobs, examples: 10}
                train: {steps: 100, batchSize: 8}
                """);
    }

    @Test
    void bothShortAndLongFormIsAnError() {
        assertMessage(
                "run.yaml: seed: give either 'seed' or 'seeds', not both",
                config("") + "seeds: [1, 2]\n");
        assertMessage(
                "run.yaml: seeds: must not repeat a seed, got [1, 1]",
                config("").replace("seed: 1", "seeds: [1, 1]"));
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        ConfigException e = error("""
                seed: 1
                train:
                  steps: 100
                 batchSize: 8
                """);
        assertEquals(4, e.line());
        assertTrue(
                e.getMessage().startsWith("run.yaml:4:2: malformed YAML: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void unclosedBracketInYaml() {
        ConfigException e = error("seed: 1\ndata: {type: fake-blobs\n");
        assertTrue(e.getMessage().startsWith("run.yaml:3:1: malformed YAML: "), e.getMessage());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> reader.read("{\n  \"seed\": 1,\n  \"data\" {}\n}", Format.JSON, "run.json"));
        assertTrue(e.getMessage().startsWith("run.json:3:10: malformed JSON: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void duplicateKeyIsAnError() {
        ConfigException e = error(config("") + "seed: 2\n");
        assertTrue(e.getMessage().startsWith("run.yaml:7:"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed YAML: duplicate field 'seed'"), e.getMessage());
    }

    @Test
    void contentAfterTheConfigIsAnError() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> reader.read("{\"seed\": 1}\n{}", Format.JSON, "run.json"));
        assertEquals(
                "run.json:2:1: malformed JSON: more content after the end of the config",
                e.getMessage());
        ConfigException yaml = error("seed: 1\n---\nseed: 2\n");
        assertEquals(
                "run.yaml:3:1: malformed YAML: more content after the end of the config",
                yaml.getMessage());
    }

    @Test
    void emptyConfigIsAnError() {
        assertMessage("run.yaml: the config is empty", "# nothing here\n");
        assertMessage("run.yaml: the config is empty", "");
    }

    @Test
    void topLevelListIsAnError() {
        assertMessage("run.yaml: expected an object (a section), got a list", "- seed: 1\n");
    }

    @Test
    void emptyListElementNamesItsIndex() {
        assertMessage(
                "run.yaml: seeds[1]: must not be empty",
                config("").replace("seed: 1", "seeds: [1, null]"));
    }

    @Test
    void tooLargeNumber() {
        assertMessage(
                "run.yaml: train.steps: number out of range, got 99999999999999999999999",
                config("").replace("steps: 100", "steps: 99999999999999999999999"));
    }

    @Test
    void executorRangeAndAugmentationFieldsAreCheckedToo() {
        assertMessage(
                "run.yaml: executor.threads: must be in [1, 1024], got 0",
                config("") + "executor: {type: cpu, threads: 0}\n");
        assertMessage(
                "run.yaml: executor.replicas: must be in [1, 64], got 0",
                config("") + "executor: {type: cpu, replicas: 0}\n");
        assertMessage(
                "run.yaml: executor.devices: needs at least two GPU ids, got [0] (for one GPU use type: gpu)",
                config("") + "executor: {type: multi-gpu, devices: [0]}\n");
        assertMessage(
                "run.yaml: executor.devices: lists a GPU twice: [1, 0, 1]",
                config("") + "executor: {type: multi-gpu, devices: [1, 0, 1]}\n");
        assertMessage(
                "run.yaml: executor.devices: is required",
                config("") + "executor: {type: multi-gpu}\n");
        assertMessage(
                "run.yaml: executor.device: must be in [0, 1023], got -1",
                config("") + "executor: {type: gpu, device: -1}\n");
        assertMessage(
                "run.yaml: augment.weak.strength: unknown field 'strength'; allowed fields: none",
                config("") + "augment: {weak: {type: fake-identity, strength: 1}}\n");
    }

    @Test
    void registryWithoutPluginsSaysNoneAreRegistered(@TempDir Path empty) {
        ConfigReader bare = new ConfigReader(PluginRegistry.load(ServiceFiles.withPlugins(empty)));
        ConfigException e = assertThrows(
                ConfigException.class, () -> bare.read(config(""), Format.YAML, "run.yaml"));
        assertEquals(
                "run.yaml: data.type: unknown data source 'fake-blobs'; registered data sources: none",
                e.getMessage());
    }

    @Test
    void unclosedJsonObjectPointsAtTheEnd() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> reader.read("{\"seed\": 1", Format.JSON, "run.json"));
        assertEquals(
                "run.json:1:11: malformed JSON: unexpected end-of-input: expected close marker for"
                        + " Object (start marker at [line: 1, column: 1])",
                e.getMessage());
    }
}
