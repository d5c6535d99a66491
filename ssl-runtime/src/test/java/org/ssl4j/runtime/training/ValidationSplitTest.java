package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.baselines.SupervisedConfig;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.result.TrainResult;

/**
 * A data source's validation split is evaluated beside the test split ({@code validationAccuracy}
 * in every evaluation) and changes neither the training nor the test figures.
 */
class ValidationSplitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static RunConfig config(Integer validationPerClass) {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("m", new SupervisedConfig(MlpConfig.of(List.of(8)), SgdConfig.of(0.1), null, null, null));
        return new RunConfig(
                "test", List.of(4L), new TwoMoonsConfig(200, 3, 0.1, 100, validationPerClass), AugmentConfig.NONE, methods,
                TrainSettings.builder(20, 6).evaluateEvery(10).logEvery(5).build(), new CpuExecutorConfig(1));
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

    @Test
    void validationAccuracyIsReportedAndTheTestFiguresAreThoseOfARunWithoutIt() throws Exception {
        Ssl4j ssl4j = Ssl4j.create();
        TrainResult with = ssl4j.train(config(25), dir.resolve("with"));
        TrainResult without = ssl4j.train(config(null), dir.resolve("without"));

        List<JsonNode> validated = evaluations(dir.resolve("with"));
        List<JsonNode> plain = evaluations(dir.resolve("without"));
        assertEquals(2, validated.size());
        for (int i = 0; i < validated.size(); i++) {
            double accuracy = validated.get(i).path("validationAccuracy").asDouble(-1);
            assertTrue(accuracy >= 0 && accuracy <= 1 && accuracy * 50 == Math.rint(accuracy * 50),
                    "a fraction of the 50 validation points: " + accuracy);
            assertEquals(plain.get(i).get("accuracy"), validated.get(i).get("accuracy"), "the same test accuracy");
            assertFalse(plain.get(i).has("validationAccuracy"));
        }
        assertEquals(without.metrics().accuracy(), with.metrics().accuracy(), 0.0);
        assertEquals(validated.get(1).get("validationAccuracy").asDouble(),
                with.evaluations().get(1).validationAccuracy(), 0.0);
    }
}
