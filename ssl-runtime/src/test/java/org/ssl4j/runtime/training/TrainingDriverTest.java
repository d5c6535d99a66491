package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.TrainSettings;
import org.ssl4j.baselines.HardLabelsConfig;
import org.ssl4j.baselines.PseudoLabelConfig;
import org.ssl4j.baselines.SupervisedConfig;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.StepEvent;
import org.ssl4j.runtime.result.TrainResult;

/** The driver end to end with real plugins: repeatability, evaluation schedule, guards. */
class TrainingDriverTest {

    @TempDir Path dir;

    private static RunConfig config(MethodConfig method, long seed, long steps) {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("m", method);
        return new RunConfig(
                "test",
                List.of(seed),
                new TwoMoonsConfig(200, 3, 0.1, 100),
                AugmentConfig.NONE,
                methods,
                TrainSettings.of(steps, 6, 4, 10L, 5L),
                new CpuExecutorConfig(1));
    }

    private static MethodConfig pseudoLabel(double lr) {
        return new PseudoLabelConfig(
                new MlpConfig(List.of(16), null, null),
                new SgdConfig(lr, 0.9, null, null, null),
                null,
                new HardLabelsConfig(0.8),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void theSameSeedGivesBitIdenticalParametersAndAnotherSeedDoesNot() throws Exception {
        Ssl4j ssl4j = Ssl4j.create();
        ssl4j.train(config(pseudoLabel(0.1), 7, 25), dir.resolve("a"));
        ssl4j.train(config(pseudoLabel(0.1), 7, 25), dir.resolve("b"));
        ssl4j.train(config(pseudoLabel(0.1), 8, 25), dir.resolve("c"));
        byte[] a = Files.readAllBytes(dir.resolve("a/networks/student-0000.params"));
        byte[] b = Files.readAllBytes(dir.resolve("b/networks/student-0000.params"));
        byte[] c = Files.readAllBytes(dir.resolve("c/networks/student-0000.params"));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void evaluatesEveryNStepsAndAtTheEndAndLogsEveryMSteps() {
        List<Evaluation> evaluations = new ArrayList<>();
        List<StepEvent> steps = new ArrayList<>();
        RunListener listener =
                new RunListener() {
                    @Override
                    public void stepFinished(StepEvent step) {
                        steps.add(step);
                    }

                    @Override
                    public void evaluated(Evaluation evaluation) {
                        evaluations.add(evaluation);
                    }
                };
        TrainResult result =
                Ssl4j.create().train(config(pseudoLabel(0.1), 1, 25), dir.resolve("run"), listener);
        assertEquals(List.of(10L, 20L, 25L), evaluations.stream().map(Evaluation::step).toList());
        assertEquals(25, steps.size());
        assertEquals(5, steps.stream().filter(StepEvent::logged).count());
        assertTrue(steps.get(4).losses().containsKey("unlabeled"), steps.get(4).losses().toString());
        assertTrue(steps.get(4).losses().containsKey("maskRate"));
        assertEquals(evaluations.get(2).accuracy(), result.accuracy());
        assertEquals(25, result.steps());
        assertTrue(result.evaluations().size() == 3 && result.wallSeconds() > 0);
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheTermAndTheStep() {
        MethodConfig exploding =
                new SupervisedConfig(
                        new MlpConfig(List.of(16), null, null), new SgdConfig(1e12, null, null, null, null), null, null, null);
        TrainingException error =
                assertThrows(
                        TrainingException.class,
                        () -> Ssl4j.create().train(config(exploding, 1, 200), dir.resolve("nan")));
        assertTrue(error.getMessage().matches("loss '\\w+' is (NaN|Infinity|-Infinity) at step \\d+ of phase 'train'.*"), error.getMessage());
    }

    @Test
    void trainRefusesAConfigWithSeveralSeeds() {
        RunConfig base = config(pseudoLabel(0.1), 1, 5);
        RunConfig twoSeeds =
                new RunConfig(base.name(), List.of(1L, 2L), base.data(), base.augment(), base.methods(), base.train(), base.executor());
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Ssl4j.create().train(twoSeeds, dir));
        assertTrue(error.getMessage().contains("use compare"), error.getMessage());
    }
}
