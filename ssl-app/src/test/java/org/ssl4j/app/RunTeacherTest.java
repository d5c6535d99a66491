package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.run.CheckpointFile;
import org.ssl4j.runtime.run.Checkpoints;

/**
 * The {@code run} teacher: a network trained by a finished run labels for a new composition, or
 * its labels come from a pseudo-label file ({@code labels}), end to end through the command line.
 */
class RunTeacherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static Cli.Outcome ssl4j(String... args) {
        return Cli.run(args);
    }

    private Path config(String name, String method) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(
                file,
                """
                name: %s
                seed: 3
                data: {type: two-moons, examples: 400, labeledPerClass: 4, testExamples: 300}
                method:
                %s
                train: {steps: 40, batchSize: 8, unlabeledRatio: 4, evaluateEvery: 40, logEvery: 1}
                executor: {type: cpu, threads: 1}
                """
                        .formatted(name, method.stripTrailing()));
        return file;
    }

    private static final String STUDENT = """
              student:
                type: cross-entropy
                backbone: {type: mlp, hidden: [16]}
                optimizer: {type: sgd, lr: 0.1}
            """;

    /** Trains a supervised run, the finished run the teachers read. */
    private Path finishedRun() throws Exception {
        Path finished = dir.resolve("supervised");
        Cli.Outcome trained =
                ssl4j(
                        "train",
                        config(
                                        "supervised",
                                        """
                          type: supervised
                          backbone: {type: mlp, hidden: [16]}
                          optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                        """)
                                .toString(),
                        "--out",
                        finished.toString());
        assertEquals(0, trained.code(), trained.err());
        return finished;
    }

    @Test
    void aFinishedRunsNetworkTeachesUnchanged() throws Exception {
        Path finished = finishedRun();

        Path taught = dir.resolve("taught");
        Cli.Outcome run =
                ssl4j(
                        "train",
                        config(
                                        "taught",
                                        "  type: teacher-student\n"
                                                + "  teacher: {type: run, path: '" + finished + "'}\n"
                                                + STUDENT)
                                .toString(),
                        "--out",
                        taught.toString());
        assertEquals(0, run.code(), run.err());
        CheckpointFile source = new Checkpoints(finished.resolve("checkpoints")).latestGood().contents();
        CheckpointFile after = new Checkpoints(taught.resolve("checkpoints")).latestGood().contents();
        int compared = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String key : source.keys()) {
                if (key.startsWith("network.student.param.")) {
                    String teacherKey = "network.teacher.param." + key.substring("network.student.param.".length());
                    assertArrayEquals(
                            source.getArray(key, manager).toFloatArray(),
                            after.getArray(teacherKey, manager).toFloatArray(),
                            teacherKey);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 4, "compared " + compared + " parameters");
        String metrics = Files.readString(taught.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"unlabeled\""), metrics);
        assertTrue(metrics.contains("\"maskRate\""), metrics);
    }

    /** A pseudo-label file giving every one of {@code rows} examples the class {@code label}. */
    private Path constantLabels(String name, int rows, int label) throws Exception {
        StringBuilder text = new StringBuilder("# made by a test\nindex,label,confidence,copies,p0,p1\n");
        for (int i = 0; i < rows; i++) {
            text.append(i).append(',').append(label).append(",1.0,1,").append(label == 0 ? "1.0,0.0" : "0.0,1.0").append('\n');
        }
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, text);
        return file;
    }

    /** Trains with the finished run's labels read from a file, recording diagnostics. */
    private Cli.Outcome trainWithLabels(String name, Path finished, Path labels) throws Exception {
        Path config =
                config(
                        name,
                        "  type: teacher-student\n"
                                + "  teacher: {type: run, path: '" + finished + "', labels: '" + labels + "'}\n"
                                + STUDENT);
        Files.writeString(config, Files.readString(config).replace("logEvery: 1}", "logEvery: 1, diagnostics: true}"));
        return ssl4j("train", config.toString(), "--out", dir.resolve(name).toString());
    }

    private double lastPseudoLabelAccuracy(String run) throws Exception {
        double accuracy = Double.NaN;
        for (String line : Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            if (node.has("pseudoLabelAccuracy")) {
                accuracy = node.get("pseudoLabelAccuracy").asDouble();
            }
        }
        return accuracy;
    }

    @Test
    void theStudentLearnsFromTheFilesRowsOfItsBatch() throws Exception {
        Path finished = finishedRun();

        Cli.Outcome zeros = trainWithLabels("zeros", finished, constantLabels("zeros", 400, 0));
        Cli.Outcome ones = trainWithLabels("ones", finished, constantLabels("ones", 400, 1));

        assertEquals(0, zeros.code(), zeros.err());
        assertEquals(0, ones.code(), ones.err());
        double zeroAccuracy = lastPseudoLabelAccuracy("zeros");
        double oneAccuracy = lastPseudoLabelAccuracy("ones");
        // the same seed draws the same batches; every true label is 0 or 1, so labelling them all
        // 0 and all 1 scores to exactly one between the two runs
        assertTrue(zeroAccuracy > 0 && zeroAccuracy < 1, "accuracy " + zeroAccuracy);
        assertEquals(1.0, zeroAccuracy + oneAccuracy, 1e-9, zeroAccuracy + " + " + oneAccuracy);
        String metrics = Files.readString(dir.resolve("ones").resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"unlabeled\""), metrics);
CheckpointFile saved = new Checkpoints(dir.resolve("ones").resolve("checkpoints")).latestGood().contents();
        assertTrue(saved.keys().stream().anyMatch(k -> k.startsWith("network.student.")), "the student is saved");
        assertFalse(saved.keys().stream().anyMatch(k -> k.startsWith("network.teacher.")), "the teacher's network is not loaded");
    }

    @Test
    void aLabelFileThatDoesNotFitIsNamedBeforeTraining() throws Exception {
        Path finished = finishedRun();

        Path tooShort = constantLabels("short", 399, 0);
        Cli.Outcome wrongSize = trainWithLabels("short", finished, tooShort);
        assertEquals(2, wrongSize.code(), wrongSize.out());
        assertTrue(
                wrongSize.err().contains(".teacher.labels: " + tooShort + ": 399 rows, but the run's unlabeled split has 400"),
                wrongSize.err());
        assertFalse(Files.exists(dir.resolve("short")), "no run folder for a refused config");

        Path missing = dir.resolve("missing.csv");
        Cli.Outcome noFile = trainWithLabels("missing", finished, missing);
        assertEquals(2, noFile.code(), noFile.out());
        assertTrue(noFile.err().contains(".teacher.labels: no such file: " + missing), noFile.err());

        Path malformed = constantLabels("malformed", 400, 1);
        Files.writeString(malformed, Files.readString(malformed).replace("\n7,1,1.0,1,0.0,1.0\n", "\n7,1,1.0,1,0.0\n"));
        Cli.Outcome badLine = trainWithLabels("malformed", finished, malformed);
        assertEquals(2, badLine.code(), badLine.out());
        assertTrue(badLine.err().contains(".teacher.labels: " + malformed + ":10: expected 6 columns, got 5"), badLine.err());
        assertFalse(Files.exists(dir.resolve("malformed")), "no run folder for a refused config");
    }

    @Test
    void aFolderWithoutTheNetworkIsNamedBeforeAnyWork() throws Exception {
        Path finished = finishedRun();

        Path out = dir.resolve("never");
        Cli.Outcome wrongNetwork =
                ssl4j(
                        "train",
                        config(
                                        "wrong",
                                        "  type: teacher-student\n"
                                                + "  teacher: {type: run, path: '" + finished + "', network: teacher}\n"
                                                + STUDENT)
                                .toString(),
                        "--out",
                        out.toString());
        assertEquals(2, wrongNetwork.code(), wrongNetwork.out());
        assertTrue(wrongNetwork.err().contains(".teacher.network: "), wrongNetwork.err());
        assertTrue(wrongNetwork.err().contains("student"), "names the networks it has: " + wrongNetwork.err());
        assertFalse(Files.exists(out), "no run folder for a refused config");

        Cli.Outcome noRun =
                ssl4j(
                        "validate",
                        config(
                                        "missing",
                                        "  type: teacher-student\n"
                                                + "  teacher: {type: run, path: '" + dir.resolve("nothing") + "'}\n"
                                                + STUDENT)
                                .toString());
        assertEquals(2, noRun.code(), noRun.out());
        assertTrue(noRun.err().contains(".teacher.path: "), noRun.err());
    }
}
