package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;

/** The command line end to end, on real configs, real plugins and real training. */
class CliTest {

    @TempDir Path dir;

    /** A command's exit code and what it printed. */
    private static Cli.Outcome ssl4j(String... args) {
        return Cli.run(args);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String tinyConfig(String methods) {
        return """
                name: tiny
                seeds: [1, 2]
                data: {type: two-moons, examples: 200, labeledPerClass: 3, testExamples: 100}
                methods:
                %s
                train: {steps: 30, batchSize: 6, unlabeledRatio: 4, evaluateEvery: 15, logEvery: 5}
                executor: {type: cpu, threads: 1}
                """
                .formatted(methods);
    }

    private static final String BOTH_METHODS =
            """
              supervised:
                type: supervised
                backbone: {type: mlp, hidden: [16]}
                optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
              pseudo-label:
                type: pseudo-label
                backbone: {type: mlp, hidden: [16]}
                optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                pseudoLabels: {type: hard, threshold: 0.9}
            """;

    @Test
    void pluginsListsTheBuiltInComponentsByKind() {
        Cli.Outcome result = ssl4j("plugins");
        assertEquals(0, result.code(), result.err());
        for (String name :
                List.of("supervised", "pseudo-label", "mlp", "two-moons", "hard", "soft", "self", "ema", "frozen", "sgd", "adam", "cosine", "identity", "gaussian-noise")) {
            assertTrue(result.out().contains(" " + name + " "), name + " missing from:\n" + result.out());
        }
        assertTrue(result.out().contains("methods:"), result.out());
        assertTrue(result.out().contains("baselines 0.1.0"), result.out());
        assertTrue(result.out().contains("engine: PyTorch 2.7.1 (cpu), 0 GPUs"), result.out());
    }

    @Test
    void benchRunTimesAWholeRunOfTheNamedMethodAndPrintsItsPace() throws Exception {
        Path config = write("tiny.yaml", tinyConfig(BOTH_METHODS));
        Cli.Outcome several = ssl4j("bench", "--run", config.toString());
        assertEquals(Main.BAD_INPUT, several.code());
        assertTrue(several.err().contains("--method") && several.err().contains("pseudo-label"), several.err());
        Cli.Outcome unknown = ssl4j("bench", "--run", config.toString(), "--method", "fixmatch");
        assertEquals(Main.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("fixmatch") && unknown.err().contains("supervised"), unknown.err());
        assertEquals(Main.BAD_INPUT, ssl4j("bench", "--method", "supervised").code(), "--method needs --run");

        Cli.Outcome timed =
                ssl4j("bench", "--run", config.toString(), "--method", "pseudo-label", "--steps", "4", "--warmup", "2");
        assertEquals(0, timed.code(), timed.err());
        JsonNode json = new ObjectMapper().readTree(timed.out());
        assertEquals("pseudo-label", json.get("method").asText());
        assertEquals(4, json.get("steps").asInt());
        assertTrue(json.get("steps_per_s").asDouble() > 0, timed.out());
        assertTrue(json.get("peak_rss_mib").asDouble() > 0, timed.out());
    }

    @Test
    void doctorReportsTheCpuEngineAndWhichExecutorsCanRun() {
        Cli.Outcome result = ssl4j("doctor");
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("java: " + System.getProperty("java.version"), lines.get(0).replaceFirst(" \\(.*", ""));
        assertEquals("djl: 0.36.0", lines.get(1));
        assertEquals("engine: PyTorch 2.7.1", lines.get(2));
        assertTrue(lines.contains("libtorch flavor: cpu"), result.out());
        assertTrue(lines.contains("gpus: 0"), result.out());
        assertTrue(lines.contains("cuda available: no"), result.out());
        assertTrue(lines.contains("native jar: pytorch-native-cpu-2.7.1-linux-x86_64.jar"), result.out());
        assertTrue(lines.stream().anyMatch(line -> line.matches("libtorch directory: .*2\\.7\\.1-\\d+-cpu-linux-x86_64")), result.out());
        assertTrue(lines.stream().anyMatch(line -> line.matches("threads: \\d+ intra-op, \\d+ inter-op")), result.out());
        assertTrue(lines.stream().anyMatch(line -> line.matches("plugins: \\d+ loaded, 0 failed")), result.out());
        assertEquals(
                "executors: cpu: yes; gpu: no (0 GPUs visible); multi-gpu: no (needs 2 GPUs, 0 visible)",
                lines.get(lines.size() - 1));
    }

    @Test
    void unknownTypeNamesThePathAndTheRegisteredTypes() throws Exception {
        Path config =
                write("bad.yaml", tinyConfig(BOTH_METHODS).replace("{type: mlp, hidden: [16]}", "{type: resnet9}"));
        Cli.Outcome result = ssl4j("validate", config.toString());
        assertEquals(Main.BAD_INPUT, result.code());
        assertTrue(result.err().contains("methods.supervised.backbone.type"), result.err());
        assertTrue(result.err().contains("'resnet9'"), result.err());
        assertTrue(result.err().contains("mlp"), result.err());
        assertFalse(result.err().contains("at org."), "no stack trace without --verbose:\n" + result.err());
    }

    @Test
    void unknownFieldNamesThePathAndTheAllowedFields() throws Exception {
        Path config = write("bad.yaml", tinyConfig(BOTH_METHODS).replace("hidden: [16]}", "hidden: [16], widths: 3}"));
        Cli.Outcome result = ssl4j("train", config.toString());
        assertEquals(Main.BAD_INPUT, result.code());
        assertTrue(result.err().contains("methods.supervised.backbone.widths"), result.err());
        assertTrue(result.err().contains("hidden"), result.err());
    }

    @Test
    void sparkAndLabelWithoutTheSparkModuleSayWhereItIs() throws Exception {
        Path config = write("tiny.yaml", tinyConfig(BOTH_METHODS));
        for (Cli.Outcome result : List.of(
                ssl4j("compare", config.toString(), "--spark", "local[2]", "--out", dir.resolve("never").toString()),
                ssl4j("label", dir.toString(), "--input", "x", "--out", dir.resolve("never").toString()))) {
            assertEquals(Main.BAD_INPUT, result.code());
            assertTrue(result.err().contains("need the ssl-spark module on the class path"), result.err());
        }
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void brokenYamlNamesFileLineAndColumn() throws Exception {
        Path config = write("broken.yaml", "name: x\nseeds: [1, 2\ndata: {type: two-moons}\n");
        Cli.Outcome result = ssl4j("compare", config.toString());
        assertEquals(Main.BAD_INPUT, result.code());
        assertTrue(result.err().contains("broken.yaml:"), result.err());
        assertTrue(result.err().matches("(?s).*broken\\.yaml:\\d+:\\d+.*"), result.err());
    }

    @Test
    void outOfRangeValueNamesThePathAndTheRange() throws Exception {
        Path config = write("bad.yaml", tinyConfig(BOTH_METHODS).replace("threshold: 0.9", "threshold: 1.5"));
        Cli.Outcome result = ssl4j("validate", config.toString());
        assertEquals(Main.BAD_INPUT, result.code());
        assertTrue(result.err().contains("methods.pseudo-label.pseudoLabels.threshold"), result.err());
        assertTrue(result.err().contains("1.5"), result.err());
    }

    @Test
    void aMismatchBetweenConfigAndDataIsFoundBeforeAnyTraining() throws Exception {
        // The second method's image backbone cannot take 2-D points: found before the first runs.
        String methods = BOTH_METHODS.replaceFirst(
                "(?s)(pseudo-label:.*?)backbone: \\{type: mlp, hidden: \\[16\\]\\}", "$1backbone: {type: wide-resnet}");
        Path config = write("bad.yaml", tinyConfig(methods));
        Path out = dir.resolve("never");
        Cli.Outcome result = ssl4j("compare", config.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, result.code(), result.err());
        assertTrue(result.err().contains("methods.pseudo-label.student.backbone.type: wide-resnet needs image examples"), result.err());
        assertTrue(result.err().contains("(2)"), "names the data's shape: " + result.err());
        assertFalse(Files.exists(out.resolve("supervised")), "no run may start");
    }

    @Test
    void validateChecksTheConfigAgainstItsData() throws Exception {
        Cli.Outcome result = ssl4j("validate", write("tiny.yaml", tinyConfig(BOTH_METHODS)).toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("is valid: 2 method(s) [supervised, pseudo-label] x 2 seed(s)"), result.out());
        assertTrue(result.out().contains("two moons"), result.out());
    }

    @Test
    void compareRunsEveryMethodAndSeedAndWritesTheRunFolders() throws Exception {
        Path config = write("tiny.yaml", tinyConfig(BOTH_METHODS));
        Path out = dir.resolve("out");
        Cli.Outcome result = ssl4j("compare", config.toString(), "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("| supervised | 2 |"), result.out());
        assertTrue(result.out().contains("| pseudo-label | 2 |"), result.out());

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(4, results.get("runs").size());
        for (JsonNode run : results.get("runs")) {
            double accuracy = run.get("accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, run.toString());
            assertEquals(30, run.get("steps").asLong());
        }
        assertTrue(Files.exists(out.resolve("results.md")));

        Path runDir = out.resolve("pseudo-label").resolve("seed-2");
        for (String file : List.of("config.yaml", "metrics.jsonl", "summary.json")) {
            assertTrue(Files.exists(runDir.resolve(file)), file + " missing in " + runDir);
        }
        List<String> metrics = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(6, metrics.stream().filter(l -> l.contains("\"kind\":\"step\"")).count());
        assertEquals(2, metrics.stream().filter(l -> l.contains("\"kind\":\"eval\"")).count());

        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals(2, summary.get("seed").asLong());
        assertEquals(org.ssl4j.api.plugin.SpiVersion.CURRENT, summary.get("provenance").get("spiVersion").asText());
        assertTrue(summary.get("provenance").get("plugins").size() >= 5);
        assertEquals("pseudo-label", summary.get("config").get("methods").fieldNames().next());

        // The resolved config is a valid config on its own.
        RunConfig resolved = Ssl4j.create().readConfig(runDir.resolve("config.yaml"));
        assertEquals(List.of(2L), resolved.seeds());
    }

    @Test
    void savedParametersLoadWithPlainDjl() throws Exception {
        Path config = write("one.yaml", tinyConfig(BOTH_METHODS).replace("seeds: [1, 2]", "seed: 3")
                .replaceAll("(?s)  pseudo-label:.*threshold: 0.9\\}\n", ""));
        Path out = dir.resolve("run");
        Cli.Outcome result = ssl4j("train", config.toString(), "--out", out.toString());
        assertEquals(0, result.code(), result.err());

        // A user rebuilds the architecture and loads the file with DJL alone.
        DataSpec spec = new DataSpec(new Shape(2), 2, List.of("upper", "lower"), "two moons");
        Block block = new MlpConfig(List.of(16), null, null).build(spec);
        try (Model model = Model.newInstance("student")) {
            model.setBlock(block);
            model.load(out.resolve("model"), "student");
            Parameter first = model.getBlock().getParameters().valueAt(0);
            NDArray weights = first.getArray();
            assertEquals(16 * 2, weights.size());
            assertTrue(weights.abs().sum().getFloat() > 0);
        }
    }

    @Test
    void askingForAGpuThatIsNotThereFailsBeforeAnyWork() throws Exception {
        // The first id the engine does not see, on this machine whatever its GPUs.
        int missing = ai.djl.engine.Engine.getInstance().getGpuCount();
        String config = tinyConfig(BOTH_METHODS).replace("seeds: [1, 2]", "seed: 1").replace("  pseudo-label:", "  x:");
        String oneMethod = config.substring(0, config.indexOf("  x:")) + config.substring(config.indexOf("train:"));
        Path gpu = write("gpu.yaml", oneMethod.replace("{type: cpu, threads: 1}", "{type: gpu, device: " + missing + "}"));
        Path run = dir.resolve("run");
        Cli.Outcome trained = ssl4j("train", gpu.toString(), "--out", run.toString());
        assertEquals(Main.BAD_INPUT, trained.code(), trained.err());
        assertTrue(trained.err().contains("config 'tiny': executor.device: GPU " + missing + " was asked for, but the engine sees"),
                trained.err());
        assertTrue(trained.err().contains("ssl4j doctor") && trained.err().contains("docs/gpu.md"), trained.err());
        assertFalse(Files.exists(run), "nothing may be written before the devices are checked");

        Path two = write(
                "two.yaml",
                oneMethod.replace(
                        "{type: cpu, threads: 1}", "{type: multi-gpu, devices: [" + missing + ", " + (missing + 1) + "]}"));
        Cli.Outcome validated = ssl4j("validate", two.toString());
        assertEquals(Main.BAD_INPUT, validated.code(), validated.err());
        assertTrue(validated.err().contains("executor.devices[0]: GPU " + missing + " was asked for"), validated.err());
    }

    @Test
    void compareTakesAMetricAndABaselineAndReportWritesThePageAgain() throws Exception {
        Path config = write("tiny-metric.yaml", tinyConfig(BOTH_METHODS));
        Path out = dir.resolve("metric");
        Cli.Outcome result =
                ssl4j("compare", config.toString(), "--out", out.toString(), "--metric", "balancedAccuracy", "--baseline", "pseudo-label");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("| method | seeds | balanced accuracy (mean ± std) | Δ vs pseudo-label [95% CI] |"), result.out());
        assertTrue(result.out().contains("report: " + out.resolve("report.html")), result.out());

        Files.delete(out.resolve("report.html"));
        Cli.Outcome report = ssl4j("report", out.toString(), "--metric", "macroF1");
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.readString(out.resolve("report.html")).contains("Results: macro-F1"));

        Cli.Outcome wrong = ssl4j("compare", config.toString(), "--out", dir.resolve("wrong").toString(), "--metric", "f1");
        assertEquals(Main.BAD_INPUT, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("unknown metric 'f1'; allowed: accuracy, top5Accuracy, balancedAccuracy, macroF1, calibrationError"), wrong.err());
        Cli.Outcome noBaseline = ssl4j("compare", config.toString(), "--out", dir.resolve("wrong").toString(), "--baseline", "uda");
        assertEquals(Main.BAD_INPUT, noBaseline.code(), noBaseline.err());
        assertTrue(noBaseline.err().contains("baseline 'uda' is not a method of the config"), noBaseline.err());
    }

    @Test
    void schemaPrintsAJsonSchemaListingTheRegisteredComponents() throws Exception {
        Cli.Outcome result = ssl4j("schema");
        assertEquals(0, result.code(), result.err());
        JsonNode schema = new ObjectMapper().readTree(result.out());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        assertTrue(schema.at("/$defs/kind-backbone").toString().contains("\"title\":\"wide-resnet\""));
    }
}
