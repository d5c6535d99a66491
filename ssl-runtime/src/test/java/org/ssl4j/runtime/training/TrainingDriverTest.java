package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.steps.HardLabelsConfig;
import org.ssl4j.baselines.PseudoLabelConfig;
import org.ssl4j.baselines.SupervisedConfig;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.NonFinitePolicy;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.StepEvent;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.run.CheckpointFile;
import org.ssl4j.runtime.run.Checkpoints;

/** The driver end to end with real plugins: repeatability, evaluation schedule, guards. */
class TrainingDriverTest {

    @TempDir Path dir;

    private static RunConfig config(MethodConfig method, long seed, long steps) {
        return config(method, seed, settings(steps).build());
    }

    private static TrainSettings.Builder settings(long steps) {
        return TrainSettings.builder(steps, 6).unlabeledRatio(4).evaluateEvery(10).logEvery(5);
    }

    private static RunConfig config(MethodConfig method, long seed, TrainSettings train) {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("m", method);
        return new RunConfig(
                "test",
                List.of(seed),
                new TwoMoonsConfig(200, 3, 0.1, 100),
                AugmentConfig.NONE,
                methods,
                train,
                new CpuExecutorConfig(1));
    }

    private static MethodConfig pseudoLabel(double lr) {
        return new PseudoLabelConfig(
                MlpConfig.of(List.of(16)),
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

    private static MethodConfig exploding() {
        return new SupervisedConfig(
                MlpConfig.of(List.of(16)), new SgdConfig(1e12, null, null, null, null), null, null, null);
    }

    /** Collects notices. */
    private static final class Notices implements RunListener {
        final List<String> messages = new ArrayList<>();

        @Override
        public void notice(String message) {
            messages.add(message);
        }
    }

    @Test
    void aNonFiniteValueStopsTheRunNamingTheStepAndTermAndKeepsTheLastGoodCheckpoint() throws Exception {
        TrainSettings train = settings(200).checkpointEvery(1).onNonFinite(NonFinitePolicy.STOP).build();
        Path run = dir.resolve("nan");
        TrainingException error =
                assertThrows(TrainingException.class, () -> Ssl4j.create().train(config(exploding(), 1, train), run));
        String message = error.getMessage();
        Matcher m =
                Pattern.compile("step (\\d+) \\(step \\d+ of phase 'train', method m, seed 1\\): (.*); stopped \\(train.onNonFinite: stop\\); the last good checkpoint is (\\S+) .*")
                        .matcher(message);
        assertTrue(m.matches(), message);
        assertTrue(
                m.group(2).matches("(loss '\\w+' is (NaN|Infinity)(; )?)*(gradient of network 'student' parameter '\\w+' is (NaN|Infinity) \\(update not applied\\))?"),
                m.group(2));
        long badStep = Long.parseLong(m.group(1));
        Path kept = Path.of(m.group(3));
        assertEquals(run.resolve("checkpoints").resolve(String.format("step-%010d.ckpt", badStep - 1)), kept);
        assertTrue(Files.exists(kept));
        assertFalse(Files.exists(run.resolve("checkpoints").resolve(String.format("step-%010d.ckpt", badStep))));
        CheckpointFile checkpoint = CheckpointFile.read(kept);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String key : checkpoint.keys()) {
                if (key.startsWith("network.student.param.")) {
                    NDArray value = checkpoint.getArray(key, manager);
                    assertTrue(value.isInfinite().logicalOr(value.isNaN()).none().getBoolean(), key + " is finite");
                }
            }
        }
    }

    @Test
    void skippingNonFiniteStepsFinishesWithFiniteParametersAndReportsEachStep() throws Exception {
        TrainSettings train = settings(40).checkpointEvery(10).onNonFinite(NonFinitePolicy.SKIP).build();
        Notices notices = new Notices();
        TrainResult result = Ssl4j.create().train(config(exploding(), 1, train), dir.resolve("skip"), notices);
        assertEquals(40, result.steps());
        assertFalse(notices.messages.isEmpty());
        assertTrue(notices.messages.stream().allMatch(n -> n.endsWith("; step skipped (train.onNonFinite: skip)")), notices.messages.toString());
        try (NDManager manager = NDManager.newBaseManager()) {
            CheckpointFile last = CheckpointFile.read(dir.resolve("skip/checkpoints/step-0000000040.ckpt"));
            for (String key : last.keys()) {
                if (key.startsWith("network.student.param.")) {
                    NDArray value = last.getArray(key, manager);
                    assertTrue(value.isInfinite().logicalOr(value.isNaN()).none().getBoolean(), key + " is finite");
                }
            }
        }
    }

    @Test
    void resumingSkipsADamagedNewestCheckpointAndEndsWithTheUninterruptedParameters() throws Exception {
        TrainSettings train = settings(30).checkpointEvery(10).build();
        Ssl4j ssl4j = Ssl4j.create();
        Path whole = dir.resolve("whole");
        ssl4j.train(config(pseudoLabel(0.1), 3, train), whole);
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy.resolve("checkpoints"));
        for (String file : List.of("config.yaml", "metrics.jsonl", "checkpoints/step-0000000020.ckpt", "checkpoints/step-0000000030.ckpt")) {
            Files.copy(whole.resolve(file), copy.resolve(file));
        }
        Path newest = copy.resolve("checkpoints/step-0000000030.ckpt");
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));

        Notices notices = new Notices();
        TrainResult resumed = ssl4j.resume(copy, notices);
        assertEquals(30, resumed.steps());
        assertTrue(notices.messages.get(0).startsWith("skipped damaged checkpoint " + newest + " at byte "), notices.messages.toString());
        assertTrue(notices.messages.get(1).contains("step-0000000020.ckpt after step 20 of 30"), notices.messages.toString());
        for (String network : List.of("student", "teacher")) {
            if (Files.exists(whole.resolve("networks/" + network + "-0000.params"))) {
                assertArrayEquals(
                        Files.readAllBytes(whole.resolve("networks/" + network + "-0000.params")),
                        Files.readAllBytes(copy.resolve("networks/" + network + "-0000.params")),
                        network);
            }
        }
        assertEquals(Files.readAllLines(whole.resolve("metrics.jsonl")).size(), Files.readAllLines(copy.resolve("metrics.jsonl")).size());
    }

    @Test
    void resumingWithAnEditedConfigIsRefusedNamingTheLine() throws Exception {
        TrainSettings train = settings(20).checkpointEvery(10).build();
        Ssl4j ssl4j = Ssl4j.create();
        Path run = dir.resolve("edited");
        ssl4j.train(config(pseudoLabel(0.1), 3, train), run);
        Path config = run.resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("lr: 0.1", "lr: 0.2"));
        TrainingException error = assertThrows(TrainingException.class, () -> ssl4j.resume(run));
        assertTrue(error.getMessage().matches(".*written with another config \\(line \\d+ was 'lr: 0.1', is 'lr: 0.2'\\)"), error.getMessage());
    }

    @Test
    void resumingAFolderWithoutCheckpointsSaysSo() throws Exception {
        Path run = dir.resolve("none");
        Ssl4j ssl4j = Ssl4j.create();
        IllegalArgumentException notRun = assertThrows(IllegalArgumentException.class, () -> ssl4j.resume(run));
        assertTrue(notRun.getMessage().contains("does not exist: give the folder of a run to resume"), notRun.getMessage());
        assertFalse(Files.exists(run), "resuming a missing folder created it");
        ssl4j.train(config(pseudoLabel(0.1), 3, settings(10).checkpointEvery(10).build()), run);
        for (Path file : new Checkpoints(run.resolve("checkpoints")).list()) {
            Files.delete(file);
        }
        TrainingException error = assertThrows(TrainingException.class, () -> ssl4j.resume(run));
        assertTrue(error.getMessage().contains("no checkpoint in " + run.resolve("checkpoints")), error.getMessage());
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
