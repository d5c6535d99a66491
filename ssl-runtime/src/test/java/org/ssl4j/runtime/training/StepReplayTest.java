package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.baselines.PseudoLabelConfig;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.StepEvent;
import org.ssl4j.steps.HardLabelsConfig;

/**
 * The export and replay behind bench/mpl-equivalence.sh: the exported batches are the ones a run
 * trains on, so replaying them from the exported weights gives the run's losses bit for bit.
 */
class StepReplayTest {

    private static final int STEPS = 4;

    @TempDir
    Path dir;

    private static RunConfig config() {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("m", new PseudoLabelConfig(
                MlpConfig.of(List.of(16)), new SgdConfig(0.1, 0.9, true, 1e-3, null),
                null, new HardLabelsConfig(0.6), null, null, null, null, null, null));
        return new RunConfig(
                "replay", List.of(3L), new TwoMoonsConfig(200, 3, 0.1, 100), AugmentConfig.NONE, methods,
                TrainSettings.builder(STEPS, 6).unlabeledRatio(4).evaluateEvery(STEPS).logEvery(1).build(),
                new CpuExecutorConfig(1));
    }

    @Test
    void replayingTheExportedBatchesFromTheExportedWeightsGivesTheRunsLossesBitForBit() throws Exception {
        Ssl4j ssl4j = Ssl4j.create();
        List<Map<String, Double>> trained = new ArrayList<>();
        ssl4j.train(config(), dir.resolve("run"), new RunListener() {
            @Override
            public void stepFinished(StepEvent event) {
                trained.add(event.losses());
            }
        });

        Path inputs = dir.resolve("inputs.npz");
        Path result = dir.resolve("result.npz");
        List<Map<String, Double>> replayed;
        try (Preflight preflight = Preflight.open(config(), "test", ssl4j.plugins())) {
            PreparedData data = preflight.data(3);
            try (PreparedMethod method = preflight.method("m", 3)) {
                StepReplay.export(data, method, STEPS, inputs);
            }
            try (PreparedMethod method = preflight.method("m", 3)) {
                replayed = StepReplay.replay(data, method, inputs, result);
            }
        }
        assertEquals(STEPS, replayed.size());
        for (int t = 0; t < STEPS; t++) {
            assertEquals(trained.get(t), replayed.get(t), "step " + t);
            assertFalse(replayed.get(t).isEmpty());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> in = StepReplay.read(inputs, manager);
            assertTrue(in.containsKey("init/student/02Linear_weight"), in.keySet().toString());
            assertEquals(6, in.get("step/0/labeled").getShape().get(0));
            assertEquals(24, in.get("step/3/weak").getShape().get(0));
            Map<String, NDArray> out = StepReplay.read(result, manager);
            assertEquals(
                    (float) (double) replayed.get(STEPS - 1).get("loss"),
                    out.get("loss/" + (STEPS - 1) + "/loss").getFloat());
            NDArray before = in.get("init/student/02Linear_weight");
            NDArray after = out.get("after/" + (STEPS - 1) + "/student/02Linear_weight");
            assertTrue(before.sub(after).abs().max().getFloat() > 0, "the replay trained the student");
        }
    }

    @Test
    void anInputWithoutAParameterIsRefusedNamingIt() throws Exception {
        Ssl4j ssl4j = Ssl4j.create();
        Path inputs = dir.resolve("empty.npz");
        try (NDManager manager = NDManager.newBaseManager(); OutputStream out = Files.newOutputStream(inputs)) {
            NDArray only = manager.zeros(new ai.djl.ndarray.types.Shape(1));
            only.setName("step/0/labeled");
            new NDList(only).encode(out, NDList.Encoding.NPZ);
        }
        try (Preflight preflight = Preflight.open(config(), "test", ssl4j.plugins());
                PreparedMethod method = preflight.method("m", 3)) {
            IllegalArgumentException error = assertThrows(
                    IllegalArgumentException.class,
                    () -> StepReplay.replay(preflight.data(3), method, inputs, dir.resolve("r.npz")));
            assertEquals("the replay's input has no array 'init/student/02Linear_weight'", error.getMessage());
        }
    }
}
