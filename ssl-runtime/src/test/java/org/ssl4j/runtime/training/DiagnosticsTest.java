package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.executor.CpuExecutorConfig;

/**
 * {@code train.diagnostics}: at each evaluation the runtime scores the pseudo labels a method
 * reported against the pool's true labels (which the method never sees), evaluates every network
 * over the examples, and summarises the steps' terms; recomputed here from what the phase saw.
 */
class DiagnosticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    /** What the phase saw and reported, step by step. */
    private static final class Seen {
        final List<long[]> indices = new ArrayList<>();
        final List<Float> losses = new ArrayList<>();
    }

    /**
     * A method whose phase labels unlabeled example {@code i} as class {@code i % 2}, keeps the
     * labels of {@code i % 3 != 0}, reports a loss of {@code 0.5 * step} and, on even steps, an
     * {@code extra} term; it does not learn.
     */
    private record LabelingConfig(Seen seen) implements MethodConfig {
        @Override
        public TrainingMethod create(MethodContext context) {
            Network student = context.trainable("student", MlpConfig.of(List.of(4)), SgdConfig.of(0.1), context.budget().steps());
            context.frozen("teacher", MlpConfig.of(List.of(3)));
            Phase phase = new Phase() {
                @Override
                public String name() {
                    return "label";
                }

                @Override
                public long steps() {
                    return 6;
                }

                @Override
                public BatchPlan batches() {
                    return new BatchPlan(2, 8, false);
                }

                @Override
                public StepResult step(StepContext step) {
                    long[] indices = step.unlabeled().indices();
                    seen.indices.add(indices);
                    NDManager manager = step.manager();
                    int[] classes = new int[indices.length];
                    float[] kept = new float[indices.length];
                    for (int i = 0; i < indices.length; i++) {
                        classes[i] = (int) (indices[i] % 2);
                        kept[i] = indices[i] % 3 != 0 ? 1 : 0;
                    }
                    step.pseudoLabeled(manager.create(classes), manager.create(kept));
                    float loss = 0.5f * step.step();
                    seen.losses.add(loss);
                    Map<String, NDArray> losses = new LinkedHashMap<>();
                    losses.put("loss", manager.create(loss));
                    if (step.step() % 2 == 0) {
                        losses.put("extra", manager.create(1f));
                    }
                    return new StepResult(losses, 10);
                }
            };
            return new TrainingMethod() {
                @Override
                public List<Phase> phases() {
                    return List.of(phase);
                }

                @Override
                public Network evaluated() {
                    return student;
                }
            };
        }
    }

    private static RunConfig config(MethodConfig method, boolean diagnostics) {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("m", method);
        return new RunConfig(
                "test", List.of(1L), new TwoMoonsConfig(200, 3, 0.1, 100), AugmentConfig.NONE, methods,
                TrainSettings.builder(6, 2).unlabeledRatio(4).evaluateEvery(3).logEvery(1).diagnostics(diagnostics).build(),
                new CpuExecutorConfig(1));
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

    @Test
    void eachEvaluationScoresThePseudoLabelsSinceThePreviousOneAgainstThePoolsLabels() throws Exception {
        Seen seen = new Seen();
        Path run = dir.resolve("run");
        Ssl4j ssl4j = Ssl4j.create();
        ssl4j.train(config(new LabelingConfig(seen), true), run);

        int[] truth;
        try (Preflight preflight = Preflight.open(config(new LabelingConfig(new Seen()), true), "test", ssl4j.plugins());
                NDManager manager = NDManager.newBaseManager()) {
            long[] all = LongStream.range(0, 200).toArray();
            truth = preflight.data(1).data().unlabeled().getByIndices(manager, all).getLabels().singletonOrThrow()
                    .toType(DataType.INT32, false).toIntArray();
        }
        List<JsonNode> diagnostics = lines(run, "diagnostics");
        List<JsonNode> evaluations = lines(run, "eval");
        assertEquals(2, diagnostics.size(), "one per evaluation");
        assertEquals(6, seen.indices.size());
        for (int e = 0; e < 2; e++) {
            JsonNode line = diagnostics.get(e);
            int labels = 0;
            int correct = 0;
            int kept = 0;
            int keptCorrect = 0;
            for (int t = 3 * e; t < 3 * e + 3; t++) {
                for (long index : seen.indices.get(t)) {
                    boolean right = truth[(int) index] == index % 2;
                    labels++;
                    correct += right ? 1 : 0;
                    if (index % 3 != 0) {
                        kept++;
                        keptCorrect += right ? 1 : 0;
                    }
                }
            }
            assertEquals(3 * e + 3, line.get("step").asLong());
            assertEquals(labels, line.get("pseudoLabels").asLong());
            assertEquals((double) correct / labels, line.get("pseudoLabelAccuracy").asDouble(), 1e-12);
            assertEquals(kept, line.get("keptPseudoLabels").asLong());
            assertEquals((double) keptCorrect / kept, line.get("keptPseudoLabelAccuracy").asDouble(), 1e-12);
            double accuracy = line.get("pseudoLabelAccuracy").asDouble();
            assertTrue(accuracy > 0 && accuracy < 1, "half right by chance, not all or none: " + accuracy);

            JsonNode networks = line.get("accuracy");
            assertEquals(List.of("student", "teacher"), iterate(networks));
            assertEquals(evaluations.get(e).get("accuracy").asDouble(), networks.get("student").asDouble(), 0.0);
            double teacher = networks.get("teacher").asDouble();
            assertTrue(teacher >= 0 && teacher <= 1, "teacher accuracy " + teacher);

            double mean = 0;
            double square = 0;
            for (int t = 3 * e; t < 3 * e + 3; t++) {
                mean += seen.losses.get(t) / 3.0;
                square += seen.losses.get(t) * seen.losses.get(t) / 3.0;
            }
            JsonNode loss = line.get("terms").get("loss");
            assertEquals(mean, loss.get("mean").asDouble(), 1e-9);
            assertEquals(Math.sqrt(square - mean * mean), loss.get("std").asDouble(), 1e-9);
            assertEquals(3, loss.get("steps").asLong());
            JsonNode extra = line.get("terms").get("extra");
            assertEquals(e == 0 ? 2 : 1, extra.get("steps").asLong(), "reported on even steps only");
            assertEquals(1.0, extra.get("mean").asDouble(), 0.0);
        }
    }

    @Test
    void withoutDiagnosticsNoLineIsWrittenAndLossesStayOnLoggingSteps() throws Exception {
        Path run = dir.resolve("plain");
        Ssl4j.create().train(config(new LabelingConfig(new Seen()), false), run);
        assertTrue(lines(run, "diagnostics").isEmpty());
        assertFalse(lines(run, "eval").isEmpty());
        assertEquals(6, lines(run, "step").size());
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
