package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.run.CheckpointFile;
import org.ssl4j.runtime.run.Checkpoints;

/**
 * The {@code run} teacher: a network trained by a finished run labels for a new composition,
 * end to end through the command line.
 */
class RunTeacherTest {

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
