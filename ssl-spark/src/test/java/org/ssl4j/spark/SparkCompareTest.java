package org.ssl4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.Metric;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.run.ComparisonFiles;

/**
 * Distributed compare in local mode, on one Spark session for the class: the same per-seed
 * results as a local compare, a run whose process dies after its first checkpoint resumed by
 * Spark's retry to the same bytes, and the errors before any work.
 */
class SparkCompareTest {

    private static final String CONFIG = """
            name: tiny
            seeds: [1, 2]
            data: {type: two-moons, examples: 300, labeledPerClass: 3, noise: 0.1, testExamples: 200}
            augment:
              weak: {type: gaussian-noise, std: 0.05}
              strong: {type: gaussian-noise, std: 0.2}
            methods:
              supervised:
                type: supervised
                backbone: {type: mlp, hidden: [16], activation: tanh}
                optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
              fixmatch:
                type: pseudo-label
                backbone: {type: mlp, hidden: [16], activation: tanh}
                optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                teacher: {type: self}
                pseudoLabels: {type: hard, threshold: 0.95}
                studentView: strong
            train: {steps: 60, batchSize: 6, unlabeledRatio: 4, evaluateEvery: 30, checkpointEvery: 20}
            executor: {type: cpu, threads: 1}
            """;

    private static SparkSession spark;

    @TempDir static Path dir;

    @BeforeAll
    static void session() {
        spark = SparkMasters.start("local[2]", "SparkCompareTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
        System.clearProperty(RunTask.FAIL_PROPERTY);
    }

    @Test
    void sameResultsAsLocalCompareAndRetryResumesToTheSameBytes() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, CONFIG);
        Ssl4j ssl4j = Ssl4j.create();
        RunConfig config = ssl4j.readConfig(file);
        CompareResult local = ssl4j.compare(config, dir.resolve("local"));

        System.setProperty(RunTask.FAIL_PROPERTY, "fixmatch/seed-2");
        StringWriter progress = new StringWriter();
        Path shared = dir.resolve("shared");
        String table = new SparkSupportImpl().compare(ssl4j, config, shared.toUri().toString(), "local[2]", Metric.ACCURACY, null,
                new PrintWriter(progress, true));
        System.clearProperty(RunTask.FAIL_PROPERTY);

        assertTrue(progress.toString().contains("fixmatch seed 2: test accuracy"), progress.toString());
        assertTrue(progress.toString().contains("(attempt 2, resumed after step 20)"), progress.toString());
        JsonNode results = new ObjectMapper().readTree(shared.resolve(ComparisonFiles.RESULTS_JSON).toFile());
        assertEquals(4, results.path("runs").size());
        for (TrainResult run : local.runs()) {
            JsonNode remote = null;
            for (JsonNode r : results.path("runs")) {
                if (r.path("method").asText().equals(run.method()) && r.path("seed").asLong() == run.seed()) {
                    remote = r;
                }
            }
            assertEquals(run.accuracy(), remote.path("accuracy").asDouble(), run.method() + " seed " + run.seed());
            assertEquals(run.steps(), remote.path("steps").asLong());
            Path runDir = shared.resolve(run.method()).resolve("seed-" + run.seed());
            for (String folder : List.of("model", "networks")) {
                for (Path param : list(run.runDir().resolve(folder))) {
                    assertArrayEquals(Files.readAllBytes(param), Files.readAllBytes(runDir.resolve(folder).resolve(param.getFileName())),
                            run.method() + " seed " + run.seed() + ": " + folder + "/" + param.getFileName());
                }
            }
        }
        String localTable = Files.readString(dir.resolve("local").resolve(ComparisonFiles.RESULTS_MD));
        assertEquals(column(localTable, 5), column(table, 5), "per-seed accuracies of the two tables");
        assertTrue(Files.isRegularFile(shared.resolve("report.html")));
        // the metrics of the resumed run hold each step once, as a local resume leaves them
        long stepLines = Files.readAllLines(shared.resolve("fixmatch/seed-2/metrics.jsonl")).stream()
                .filter(l -> l.contains("\"kind\":\"step\"")).count();
        long localLines = Files.readAllLines(dir.resolve("local/fixmatch/seed-2/metrics.jsonl")).stream()
                .filter(l -> l.contains("\"kind\":\"step\"")).count();
        assertEquals(localLines, stepLines);
    }

    @Test
    void anExistingOutputIsRefusedBeforeAnyRun() throws Exception {
        Path file = dir.resolve("exists.yaml");
        Files.writeString(file, CONFIG);
        Ssl4j ssl4j = Ssl4j.create();
        Path out = Files.createDirectories(dir.resolve("taken"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkSupportImpl().compare(
                ssl4j, ssl4j.readConfig(file), out.toString(), "local[2]", Metric.ACCURACY, null, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("--out " + out + " exists"), e.getMessage());
        try (Stream<Path> left = Files.list(out)) {
            assertFalse(left.findAny().isPresent(), "nothing written into it");
        }
    }

    @Test
    void anUnreachableMasterIsOneErrorBeforeAnyWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkMasters.check("spark://127.0.0.1:9"));
        assertTrue(e.getMessage().startsWith("--spark spark://127.0.0.1:9: cannot reach the master at 127.0.0.1:9"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SparkMasters.check("mesos://x:5050"));
        assertTrue(unknown.getMessage().contains("unknown master"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkMasters.check("local[two]"));
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.sorted().toList();
            assertFalse(all.isEmpty(), folder + " is empty");
            return all;
        }
    }

    /** One column of a Markdown table's rows, for comparing two tables' per-seed values. */
    private static List<String> column(String markdown, int index) {
        return markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| method")).map(l -> l.split("\\|")[index + 1].strip()).toList();
    }
}
