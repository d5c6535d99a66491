package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.Artifacts;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.executor.CpuExecutorConfig;

/**
 * A phase picks its unlabeled examples (SPI 1.1); it sees the labeled set and the unlabeled
 * examples without labels, and hands files to the runtime, which writes them in the run folder
 * (SPI 2.0).
 */
class ChosenUnlabeledTest {

    @TempDir Path dir;

    /** What the phase saw, shared with the test. */
    private static final class Seen {
        final List<long[]> indices = new ArrayList<>();
        final List<float[]> clean = new ArrayList<>();
        long[] labeledShape;
        long[] labelsShape;
        long[] unlabeledShape;
        float[] unlabeledSet;
        String refusedName;
    }

    /** A method whose one phase picks {@code chosen} in every step and does no learning. */
    private record ChoosingConfig(long[] chosen, Seen seen) implements MethodConfig {
        @Override
        public TrainingMethod create(MethodContext context) {
            Network network =
                    context.trainable(
                            "student",
                            MlpConfig.of(List.of(4)),
                            SgdConfig.of(0.1),
                            context.budget().steps());
            Phase phase =
                    new Phase() {
                        @Override
                        public String name() {
                            return "choose";
                        }

                        @Override
                        public long steps() {
                            return 2;
                        }

                        @Override
                        public BatchPlan batches() {
                            return new BatchPlan(2, 3, false);
                        }

                        @Override
                        public void begin(PhaseContext phaseContext) {
                            seen.labeledShape = phaseContext.labeledSet().inputs().getShape().getShape();
                            seen.labelsShape = phaseContext.labeledSet().labels().getShape().getShape();
                            seen.unlabeledShape = phaseContext.unlabeledSet().getShape().getShape();
                            seen.unlabeledSet = phaseContext.unlabeledSet().toFloatArray();
                            phaseContext.artifacts().write(Artifacts.Kind.PSEUDO_LABELS, "round-0.csv", "index,label\n7,1\n");
                            try {
                                phaseContext.artifacts().write(Artifacts.Kind.PSEUDO_LABELS, "../escape.csv", "x");
                            } catch (IllegalArgumentException e) {
                                seen.refusedName = e.getMessage();
                            }
                        }

                        @Override
                        public long[] unlabeledIndices(int count, Random random) {
                            return chosen;
                        }

                        @Override
                        public StepResult step(StepContext step) {
                            seen.indices.add(step.unlabeled().indices());
                            seen.clean.add(step.unlabeled().clean().toFloatArray());
                            NDArray zero = step.manager().zeros(new ai.djl.ndarray.types.Shape());
                            return new StepResult(Map.of("loss", zero), 5);
                        }
                    };
            return new TrainingMethod() {
                @Override
                public List<Phase> phases() {
                    return List.of(phase);
                }

                @Override
                public Network evaluated() {
                    return network;
                }
            };
        }
    }

    private static RunConfig config(MethodConfig method) {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("m", method);
        return new RunConfig(
                "test",
                List.of(1L),
                new TwoMoonsConfig(200, 3, 0.1, 100),
                AugmentConfig.NONE,
                methods,
                TrainSettings.builder(2, 2).unlabeledRatio(3).evaluateEvery(10).logEvery(1).build(),
                new CpuExecutorConfig(1));
    }

    @Test
    void theRuntimeGathersTheExamplesAPhasePicksRepeatsIncluded() throws Exception {
        Seen seen = new Seen();
        Path run = dir.resolve("run");

        Ssl4j.create().train(config(new ChoosingConfig(new long[] {7, 7, 199}, seen)), run);

        assertEquals(2, seen.indices.size());
        assertArrayEquals(new long[] {7, 7, 199}, seen.indices.get(0));
        float[] clean = seen.clean.get(0);
        assertArrayEquals(
                new float[] {clean[0], clean[1]}, new float[] {clean[2], clean[3]}, "example 7 twice");
        assertArrayEquals(new long[] {6, 2}, seen.labeledShape, "3 labeled examples per class, 2 classes");
        assertArrayEquals(new long[] {6}, seen.labelsShape);
        assertArrayEquals(new long[] {200, 2}, seen.unlabeledShape, "the whole pool, as stored");
        assertArrayEquals(
                new float[] {clean[0], clean[1]},
                new float[] {seen.unlabeledSet[14], seen.unlabeledSet[15]},
                "row 7 of the unlabeled set is example 7");
        assertEquals("index,label\n7,1\n", Files.readString(run.resolve("pseudo-labels/round-0.csv")));
        assertTrue(seen.refusedName != null && seen.refusedName.contains("../escape.csv"), seen.refusedName);
        assertTrue(Files.notExists(run.resolve("escape.csv")));
    }

    @Test
    void aPickOfTheWrongSizeOrOutsideTheSplitStopsTheRun() {
        IllegalStateException size =
                assertThrows(
                        IllegalStateException.class,
                        () -> Ssl4j.create().train(config(new ChoosingConfig(new long[] {1}, new Seen())), dir.resolve("a")));
        assertTrue(size.getMessage().contains("chose 1 unlabeled examples, its plan asks for 3"), size.getMessage());
        IllegalStateException range =
                assertThrows(
                        IllegalStateException.class,
                        () -> Ssl4j.create().train(config(new ChoosingConfig(new long[] {0, 1, 200}, new Seen())), dir.resolve("b")));
        assertTrue(range.getMessage().contains("unlabeled example 200 of a split of 200"), range.getMessage());
    }
}
