package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.Ssl4j;

/**
 * The CLI's progress display shows the validation accuracy beside the test accuracy when the data
 * has a validation split, the numbers the run wrote to {@code metrics.jsonl}, and says nothing of
 * validation when it has none.
 */
class ProgressBarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    /** Runs 20 steps on Two Moons, evaluated after 10 and 20, drawing progress into a string. */
    private String train(int validationPerClass, boolean interactive, Path run) throws Exception {
        Path file = dir.resolve("run-" + validationPerClass + ".yaml");
        Files.writeString(file, """
                name: progress
                seed: 3
                data: {type: two-moons, examples: 200, labeledPerClass: 3, noise: 0.1, testExamples: 100, validationPerClass: %d}
                method:
                  type: supervised
                  backbone: {type: mlp, hidden: [8]}
                  optimizer: {type: sgd, lr: 0.1}
                train: {steps: 20, batchSize: 6, evaluateEvery: 10, logEvery: 5}
                executor: {type: cpu, threads: 1}
                """.formatted(validationPerClass));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Ssl4j ssl4j = Ssl4j.create();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ssl4j.train(ssl4j.readConfig(file), run, new ProgressBar(out, interactive));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> evaluations(Path run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            if (node.path("kind").asText().equals("eval")) {
                lines.add(node);
            }
        }
        return lines;
    }

    private static String fraction(JsonNode value) {
        assertTrue(value.isNumber(), "missing: " + value);
        return String.format(Locale.ROOT, "%.4f", value.asDouble());
    }

    @Test
    void inLogsEachEvaluationLineAndTheFinalLineCarryTheValidationAccuracy() throws Exception {
        Path run = dir.resolve("validated");
        String printed = train(10, false, run);
        List<JsonNode> evaluations = evaluations(run);
        assertEquals(2, evaluations.size());
        for (JsonNode evaluation : evaluations) {
            String expected = "train step " + evaluation.get("step").asLong() + ": test accuracy "
                    + fraction(evaluation.get("accuracy")) + ", validation accuracy "
                    + fraction(evaluation.get("validationAccuracy"));
            assertTrue(printed.contains(expected), "expected '" + expected + "' in:\n" + printed);
        }
        JsonNode last = evaluations.get(1);
        String expected = ": test accuracy " + fraction(last.get("accuracy")) + ", validation accuracy "
                + fraction(last.get("validationAccuracy")) + " after 20 steps";
        assertTrue(printed.contains(expected), "expected '" + expected + "' in:\n" + printed);
    }

    @Test
    void onATerminalTheBarShowsTheLastValidationAccuracy() throws Exception {
        Path run = dir.resolve("terminal");
        String printed = train(10, true, run);
        // the last step's redraw comes after the evaluation at step 10 (the one at step 20 follows it)
        String bars = printed.substring(printed.lastIndexOf("20/20"));
        String expected = "val " + fraction(evaluations(run).get(0).get("validationAccuracy"));
        assertTrue(bars.contains(expected), "expected '" + expected + "' in: " + bars);
    }

    @Test
    void withoutAValidationSplitNothingIsSaidOfValidation() throws Exception {
        String logged = train(0, false, dir.resolve("plain"));
        String drawn = train(0, true, dir.resolve("plain-terminal"));
        assertTrue(logged.contains("train step 10: test accuracy "), logged);
        assertFalse(logged.contains("validation"), logged);
        assertTrue(drawn.contains("20/20"), drawn);
        assertFalse(drawn.contains(" val "), drawn);
    }
}
