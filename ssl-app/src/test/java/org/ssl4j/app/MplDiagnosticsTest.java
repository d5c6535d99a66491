package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.Ssl4j;

/**
 * The diagnostics of an MPL run on Two Moons ({@code train.diagnostics}): the fields a user reads
 * to see whether the teacher learns from the student exist at each evaluation and are sane, the
 * report draws them, and recording them does not change the run.
 */
class MplDiagnosticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private Path config(boolean diagnostics) throws Exception {
        Path file = dir.resolve("mpl-" + diagnostics + ".yaml");
        Files.writeString(file, """
                name: mpl
                seed: 2
                data: {type: two-moons, examples: 400, labeledPerClass: 3, noise: 0.1, testExamples: 300}
                augment:
                  weak: {type: gaussian-noise, std: 0.05}
                  strong: {type: gaussian-noise, std: 0.2}
                method:
                  type: mpl
                  teacher:
                    backbone: {type: mlp, hidden: [16], activation: tanh}
                    optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                    auxiliaryLosses: [{type: uda, weight: 1.0, temperature: 0.4, threshold: 0.6}]
                  student: {ema: 0.9}
                train: {steps: 40, batchSize: 6, unlabeledRatio: 8, evaluateEvery: 20, logEvery: 10, diagnostics: %s}
                executor: {type: cpu, threads: 1}
                """.formatted(diagnostics));
        return file;
    }

    private static List<JsonNode> lines(Path run, String kind) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            if (node.path("kind").asText().equals(kind)) {
                lines.add(node);
            }
        }
        return lines;
    }

    private static void assertFraction(JsonNode value, String what) {
        assertTrue(value.isNumber(), what + " missing");
        double v = value.asDouble();
        assertTrue(v >= 0 && v <= 1, what + " = " + v);
    }

    @Test
    void eachEvaluationReportsTheNetworksThePseudoLabelsTheFeedbackAndTheGradientsAndChangesNothing() throws Exception {
        Ssl4j ssl4j = Ssl4j.create();
        Path run = dir.resolve("diagnosed");
        ssl4j.train(ssl4j.readConfig(config(true)), run);

        List<JsonNode> diagnostics = lines(run, "diagnostics");
        List<JsonNode> evaluations = lines(run, "eval");
        assertEquals(2, diagnostics.size());
        for (int e = 0; e < 2; e++) {
            JsonNode line = diagnostics.get(e);
            JsonNode accuracy = line.get("accuracy");
            for (String network : List.of("teacher", "student", "student-ema")) {
                assertFraction(accuracy.path(network), network + " accuracy");
            }
            assertEquals(evaluations.get(e).get("accuracy").asDouble(), accuracy.get("student-ema").asDouble(), 0.0,
                    "the evaluated network is the student's average");
            assertEquals(20 * 48, line.get("pseudoLabels").asLong(), "20 steps of 48 unlabeled examples");
            assertFraction(line.path("pseudoLabelAccuracy"), "pseudoLabelAccuracy");
            assertEquals(line.get("pseudoLabels").asLong(), line.get("keptPseudoLabels").asLong(), "argmax labels: all kept");
            assertEquals(line.get("pseudoLabelAccuracy").asDouble(), line.get("keptPseudoLabelAccuracy").asDouble(), 0.0);
            JsonNode terms = line.get("terms");
            assertEquals(20, terms.path("feedback").path("steps").asLong());
            assertTrue(terms.path("feedback").path("std").asDouble() > 0, "h varies from step to step");
            assertFraction(terms.path("udaMaskRate").path("mean"), "udaMaskRate");
            assertEquals(1.0, terms.path("maskRate").path("mean").asDouble(), 0.0);
            assertTrue(terms.path("feedbackGradientNorm").path("mean").asDouble() > 0);
            assertTrue(terms.path("udaGradientNorm").path("mean").asDouble() >= 0);
        }
        for (String plot : List.of("accuracy", "feedback", "gradients", "mask-rates")) {
            assertTrue(Files.size(run.resolve("plots/diagnostics-" + plot + ".png")) > 0, plot);
        }
        assertTrue(Files.readString(run.resolve("report.html")).contains("Diagnostics: mask rates"));

        Path plain = dir.resolve("plain");
        ssl4j.train(ssl4j.readConfig(config(false)), plain);
        assertTrue(lines(plain, "diagnostics").isEmpty());
        assertEquals(
                lines(run, "eval").stream().map(n -> n.get("accuracy").asDouble()).toList(),
                lines(plain, "eval").stream().map(n -> n.get("accuracy").asDouble()).toList(),
                "recording diagnostics does not change the run");
        for (int i = 0; i < lines(run, "step").size(); i++) {
            assertEquals(lines(run, "step").get(i).get("losses"), lines(plain, "step").get(i).get("losses"));
        }
    }
}
