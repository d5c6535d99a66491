package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.models.torchscript.TorchScriptConfig;
import org.ssl4j.runtime.run.FinishedRun;

/**
 * Bringing one's own data and network, end to end through the command line: a CSV table, a
 * TorchScript network, and a network started from a finished run ({@code initFrom}).
 */
class BringYourOwnTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static Cli.Outcome ssl4j(String... args) {
        return Cli.run(args);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String moons(String method, long steps) {
        return """
                name: moons
                seed: 3
                data: {type: two-moons, examples: 400, labeledPerClass: 4, testExamples: 300}
                method:
                %s
                train: {steps: %d, batchSize: 8, unlabeledRatio: 4, evaluateEvery: 1, logEvery: 1}
                executor: {type: cpu, threads: 1}
                """.formatted(method.stripTrailing(), steps);
    }

    private static final String SUPERVISED = """
              type: supervised
              backbone: {type: mlp, hidden: [16]}
              optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
            """;

    /** Pseudo-labels from a frozen teacher, a copy of the student; lr so small a step changes no bit. */
    private static String pseudoLabel(String backbone) {
        return """
                  type: pseudo-label
                  backbone: %s
                  optimizer: {type: sgd, lr: 1.0e-12}
                  teacher: {type: frozen, refreshEvery: 1000}
                  pseudoLabels: {type: hard, threshold: 0.5}
                """.formatted(backbone);
    }

    private static double accuracy(Path run) throws Exception {
        return JSON.readTree(run.resolve("summary.json").toFile()).get("accuracy").asDouble();
    }

    private static double firstEvaluation(Path run) throws Exception {
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            if (node.has("accuracy")) {
                return node.get("accuracy").asDouble();
            }
        }
        throw new AssertionError("no evaluation in " + run);
    }

    private static List<Double> losses(Path run) throws Exception {
        List<Double> losses = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            if (node.has("losses")) {
                double sum = 0;
                for (JsonNode term : node.get("losses")) {
                    sum += term.asDouble();
                }
                losses.add(sum);
            }
        }
        return losses;
    }

    @Test
    void pluginsListsTheTableSourceItsAugmentationsAndTheTorchScriptBackbone() {
        Cli.Outcome result = ssl4j("plugins");
        assertEquals(0, result.code(), result.err());
        for (String name : List.of("csv", "feature-dropout", "swap-noise", "torchscript")) {
            assertTrue(result.out().contains(" " + name + " "), name + " missing from:\n" + result.out());
        }
        assertTrue(result.out().contains("data-tabular 0.1.0"), result.out());
        assertTrue(result.out().contains("models-torchscript 0.1.0"), result.out());
    }

    @Test
    void aFrozenTeacherStartedFromASupervisedRunGivesItsAccuracyAtTheFirstEvaluation() throws Exception {
        Path supervised = dir.resolve("supervised");
        Cli.Outcome trained = ssl4j("train", write("sup.yaml", moons(SUPERVISED, 300)).toString(), "--out", supervised.toString());
        assertEquals(0, trained.code(), trained.err());
        double teacherAccuracy = accuracy(supervised);
        assertTrue(teacherAccuracy > 0.7, "the supervised run learned something: " + teacherAccuracy);

        Path started = dir.resolve("started");
        String backbone = "{type: mlp, hidden: [16], initFrom: \"" + supervised + ":student\"}";
        Cli.Outcome run = ssl4j("train", write("pl.yaml", moons(pseudoLabel(backbone), 2)).toString(), "--out", started.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(teacherAccuracy, firstEvaluation(started), 0.0, "first evaluation of the started run");
        String resolved = Files.readString(started.resolve("config.yaml"));
        assertTrue(resolved.contains("initFrom: " + supervised + ":student"), resolved);

        Path fresh = dir.resolve("fresh");
        Cli.Outcome control = ssl4j("train", write("fresh.yaml", moons(pseudoLabel("{type: mlp, hidden: [16]}"), 2)).toString(),
                "--out", fresh.toString());
        assertEquals(0, control.code(), control.err());
        assertNotEquals(teacherAccuracy, firstEvaluation(fresh), "without initFrom the network starts elsewhere");

        // a resumed run restores its checkpoint and does not need the folder initFrom names
        try (var files = Files.walk(supervised)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Cli.Outcome resumed = ssl4j("train", "--resume", started.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(teacherAccuracy, accuracy(started), 0.0);
    }

    @Test
    void initFromAFolderWithoutThatNetworkNamesTheNetworksItHas() throws Exception {
        Path supervised = dir.resolve("supervised");
        assertEquals(0, ssl4j("train", write("sup.yaml", moons(SUPERVISED, 5)).toString(), "--out", supervised.toString()).code());

        String missing = "{type: mlp, hidden: [16], initFrom: \"" + supervised + ":teacher\"}";
        Cli.Outcome result = ssl4j("validate", write("bad.yaml", moons(pseudoLabel(missing), 2)).toString());
        assertEquals(Main.BAD_INPUT, result.code(), result.err());
        assertTrue(result.err().contains("backbone.initFrom: the run in " + supervised
                + " has no network 'teacher'; its networks: student"), result.err());

        String wider = "{type: mlp, hidden: [32], initFrom: \"" + supervised + "\"}";
        result = ssl4j("validate", write("wider.yaml", moons(pseudoLabel(wider), 2)).toString());
        assertEquals(Main.BAD_INPUT, result.code(), result.err());
        assertTrue(result.err().matches("(?s).*backbone.initFrom: parameter '[^']+' is \\(32, 2\\) float32 here,"
                + " \\(16, 2\\) float32 in network 'student' of .*"), result.err());

        Path nothing = Files.createDirectories(dir.resolve("empty"));
        String none = "{type: mlp, hidden: [16], initFrom: \"" + nothing + "\"}";
        result = ssl4j("validate", write("none.yaml", moons(pseudoLabel(none), 2)).toString());
        assertEquals(Main.BAD_INPUT, result.code(), result.err());
        assertTrue(result.err().contains(nothing + " holds no finished run (no summary.json"), result.err());
    }

    @Test
    void aTorchScriptNetworkTrainsOnACsvTableWithUnlabeledRows() throws Exception {
        assertTrue(Files.isRegularFile(Tables.TINY_TORCHSCRIPT), Tables.TINY_TORCHSCRIPT.toAbsolutePath().toString());
        Path table = Tables.blobs(dir.resolve("blobs.csv"), 300, 4);
        Path config = write("ts.yaml", """
                name: blobs
                seed: 1
                data: {type: csv, file: "%s", label: label, testShare: 0.3}
                augment: {weak: {type: swap-noise, p: 0.1}}
                method:
                  type: supervised
                  backbone: {type: torchscript, file: "%s"}
                  optimizer: {type: sgd, lr: 0.05, momentum: 0.9}
                train: {steps: 120, batchSize: 16, evaluateEvery: 60, logEvery: 10}
                executor: {type: cpu, threads: 1}
                """.formatted(table, Tables.TINY_TORCHSCRIPT));
        Path out = dir.resolve("ts");
        Cli.Outcome result = ssl4j("train", config.toString(), "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        List<Double> losses = losses(out);
        double late = losses.subList(losses.size() / 2, losses.size()).stream().mapToDouble(d -> d).average().orElseThrow();
        assertTrue(late < 0.5 * losses.get(0), "the loss falls: " + losses);
        assertTrue(accuracy(out) > 0.8, "accuracy " + accuracy(out));

        // the trained parameters differ from the file's, by name and shape
        FinishedRun run = FinishedRun.open(out);
        DataSpec spec = new DataSpec(new Shape(4), 3, List.of("a", "b", "c"), "blobs");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = new TorchScriptConfig(Tables.TINY_TORCHSCRIPT.toString()).build(spec);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            Map<String, NDArray> trained = run.parametersFor("student", block, manager);
            assertEquals(6, trained.size());
            for (var parameter : block.getParameters()) {
                assertFalse(Arrays.equals(parameter.getValue().getArray().toFloatArray(),
                        trained.get(parameter.getKey()).toFloatArray()), parameter.getKey() + " did not change");
            }
        }
    }

    @Test
    void aMalformedCellFailsTheRunBeforeTrainingNamingFileLineAndColumn() throws Exception {
        Path table = Tables.blobs(dir.resolve("blobs.csv"), 30, 0);
        List<String> lines = new ArrayList<>(Files.readAllLines(table));
        lines.set(7, lines.get(7).replaceFirst("^[^,]+,", "1.5.2,"));
        Files.write(table, lines);
        Path config = write("bad.yaml", """
                data: {type: csv, file: "%s", label: label}
                method: {type: supervised, backbone: {type: mlp}, optimizer: {type: sgd, lr: 0.1}}
                train: {steps: 10, batchSize: 4}
                """.formatted(table));
        Cli.Outcome result = ssl4j("train", config.toString(), "--out", dir.resolve("never").toString());
        assertEquals(Main.BAD_INPUT, result.code(), result.err());
        assertTrue(result.err().contains("data: " + table + ":8: column 'f2' (2): '1.5.2' is not a number")
                || result.err().contains("data: " + table + ":8: column 'f1' (1): '1.5.2' is not a number"), result.err());
        assertFalse(Files.exists(dir.resolve("never").resolve("checkpoints")), "no training started");
    }
}
