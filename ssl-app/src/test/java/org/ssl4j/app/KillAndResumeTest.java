package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a real training process with SIGKILL after it wrote a checkpoint, resumes it with {@code
 * ssl4j train --resume}, and checks that the final parameters equal, bit for bit, those of an
 * uninterrupted run with the same seed, and that {@code metrics.jsonl} holds the same steps and
 * evaluations once each. Every run is a child JVM running {@link Main} with this test's class
 * path, one libtorch thread.
 */
class KillAndResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESUMED = Pattern.compile("resumed from .*step-(\\d+)\\.ckpt after step (\\d+) of (\\d+)");
    private static final long STEPS = 800;

    @TempDir Path dir;

    /** Each child's combined output file. */
    private final Map<Process, Path> logs = new HashMap<>();

    private static final String MOONS =
            "{type: two-moons, examples: 600, labeledPerClass: 4, testExamples: 200, noise: 0.1}";

    private static String config(String method, String data) {
        String body =
                switch (method) {
                    case "supervised" -> """
                              type: supervised
                              backbone: {type: mlp, hidden: [64, 64], dropout: 0.1}
                              optimizer: {type: sgd, lr: 0.05, momentum: 0.9, nesterov: true, schedule: {type: cosine, warmupSteps: 50}}
                            """;
                    case "pseudo-label" -> """
                              type: pseudo-label
                              backbone: {type: mlp, hidden: [64, 64]}
                              optimizer: {type: sgd, lr: 0.05, momentum: 0.9, schedule: {type: cosine, warmupSteps: 50}}
                              teacher: {type: ema, decay: 0.99}
                              pseudoLabels: {type: hard, threshold: 0.8}
                              warmupSteps: 100
                            """;
                    case "mpl", "mpl-on-replicas" -> """
                              type: mpl
                              teacher:
                                backbone: {type: mlp, hidden: [32, 32]}
                                optimizer: {type: sgd, lr: 0.05, momentum: 0.9, nesterov: true}
                                auxiliaryLosses: [{type: uda, weight: 1.0, threshold: 0.0}]
                              student: {ema: 0.99}
                              pseudoLabels: {type: sampled}
                              feedback: {baselineRate: 0.01}
                              finetune: {steps: 50, optimizer: {type: sgd, lr: 0.01, momentum: 0.9}}
                            """;
                    case "reduced-mpl" -> """
                              type: reduced-mpl
                              largeTeacher:
                                backbone: {type: mlp, hidden: [64, 64]}
                                optimizer: {type: sgd, lr: 0.05, momentum: 0.9}
                              largeTeacherSteps: 60
                              reducedTeacher:
                                backbone: {type: mlp, hidden: [16]}
                                optimizer: {type: sgd, lr: 0.05}
                              student: {ema: 0.99}
                              feedback: {baselineRate: 0.01}
                            """;
                    case "noisy-student" -> """
                              type: teacher-student
                              student:
                                type: cross-entropy
                                backbone: {type: mlp, hidden: [32, 32], dropout: 0.1}
                                optimizer: {type: sgd, lr: 0.05, momentum: 0.9}
                                labelSmoothing: 0.1
                              phases:
                                - {type: teach-and-learn, name: round-0, steps: 50}
                                - {type: noisy-student, rounds: 1, targets: hard, optimizer: {type: sgd, lr: 0.05, momentum: 0.9}}
                            """;
                    case "torchscript" -> """
                              type: pseudo-label
                              backbone: {type: torchscript, file: "%s"}
                              optimizer: {type: sgd, lr: 0.05, momentum: 0.9}
                              teacher: {type: ema, decay: 0.99}
                              pseudoLabels: {type: hard, threshold: 0.8}
                            """.formatted(Tables.TINY_TORCHSCRIPT.toAbsolutePath());
                    default -> throw new IllegalArgumentException(method);
                };
        return """
                name: kill-%s
                seed: 11
                data: %s
                augment:
                  weak: {type: gaussian-noise, std: 0.05}
                  strong: {type: gaussian-noise, std: 0.2}
                method:
                %s
                train: {steps: %d, batchSize: 8, unlabeledRatio: 8, evaluateEvery: 400, logEvery: 20, checkpointEvery: 100}
                executor: {type: cpu, threads: 1%s}
                """
                .formatted(method, data, body.stripTrailing(), STEPS, method.endsWith("-on-replicas") ? ", replicas: 2" : "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"supervised", "pseudo-label", "mpl", "reduced-mpl", "mpl-on-replicas", "torchscript", "noisy-student"})
    void aRunKilledAfterACheckpointAndResumedEndsBitIdenticalToAnUninterruptedOne(String method) throws Exception {
        Path config = dir.resolve(method + ".yaml");
        // the TorchScript fixture takes 4 features and 3 classes: a CSV table with unlabeled rows
        String data = method.equals("torchscript")
                ? "{type: csv, file: \"" + Tables.blobs(dir.resolve("blobs.csv"), 600, 4) + "\", label: label, testShare: 0.3}"
                : MOONS;
        Files.writeString(config, config(method, data));
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");

        Process reference = ssl4j("train", config.toString(), "--out", whole.toString());
        Process victim = ssl4j("train", config.toString(), "--out", killed.toString());
        waitForCheckpoint(victim, killed.resolve("checkpoints"));
        assertTrue(victim.isAlive(), "the run finished before it could be killed; make it longer");
        victim.destroyForcibly();
        assertEquals(137, exitCode(victim), "SIGKILL gives 128 + 9");
        assertFalse(Files.exists(killed.resolve("summary.json")), "the killed run must not have finished");
        assertEquals(0, exitCode(reference), output(reference));

        Process resumed = ssl4j("train", "--resume", killed.toString());
        int code = exitCode(resumed);
        String log = output(resumed);
        assertEquals(0, code, log);
        Matcher m = RESUMED.matcher(log);
        assertTrue(m.find(), log);
        long from = Long.parseLong(m.group(2));
        assertTrue(from > 0 && from < STEPS, "resumed after step " + from);

        for (String folder : List.of("networks", "model")) {
            List<Path> files = listFiles(whole.resolve(folder));
            assertFalse(files.isEmpty());
            for (Path file : files) {
                assertArrayEquals(
                        Files.readAllBytes(file),
                        Files.readAllBytes(killed.resolve(folder).resolve(file.getFileName())),
                        folder + "/" + file.getFileName() + " differs after resuming from step " + from);
            }
        }
        List<String> expected = metricLines(whole);
        List<String> actual = metricLines(killed);
        // every logged step and evaluation once; methods with a second phase log more
        assertTrue(expected.size() >= STEPS / 20 + STEPS / 400, "metric lines: " + expected.size());
        assertEquals(expected, actual, "metrics.jsonl must hold each step once, with the same losses");
    }

    /** Steps and evaluations without the timing fields, which differ from run to run. */
    private static List<String> metricLines(Path run) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            ((ObjectNode) node).remove(List.of("examplesPerSecond", "elapsedSeconds", "residentBytes"));
            lines.add(node.toString());
        }
        return lines;
    }

    private static List<Path> listFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static void waitForCheckpoint(Process process, Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> files = Files.list(checkpoints)) {
                    if (files.anyMatch(p -> p.getFileName().toString().endsWith(".ckpt"))) {
                        return;
                    }
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no checkpoint appeared in " + checkpoints + "; process alive: " + process.isAlive());
    }

    private Process ssl4j(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.pytorch.num_threads=1");
        command.add("-Dai.djl.pytorch.num_interop_threads=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        File log = Files.createTempFile(dir, "child", ".log").toFile();
        builder.redirectOutput(log);
        Process process = builder.start();
        logs.put(process, log.toPath());
        return process;
    }

    private String output(Process process) throws IOException {
        return Files.readString(logs.get(process));
    }

    private static int exitCode(Process process) throws InterruptedException {
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("a child run took longer than 3 minutes");
        }
        return process.exitValue();
    }
}
