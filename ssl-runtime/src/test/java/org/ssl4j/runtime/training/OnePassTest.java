package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.TrainResult;

/**
 * One pass through a run: the data is read once per seed and every method is built once, by
 * the preflight, and trained as built; a method trains to the same parameters alone and beside
 * others; resuming a folder that is not a run's creates nothing.
 */
class OnePassTest {

    /** Loads per seed, across the data sources of this test. */
    private static final Map<Long, Integer> LOADS = new ConcurrentHashMap<>();
    /** Builds per method name and seed ({@code NAME@SEED}). */
    private static final Map<String, Integer> BUILDS = new ConcurrentHashMap<>();

    @TempDir Path dir;

    @BeforeEach
    void reset() {
        LOADS.clear();
        BUILDS.clear();
    }

    /** Two Moons, counting its loads. */
    private record CountedMoons(TwoMoonsConfig moons) implements DataSourceConfig {
        @Override
        public SslData load(DataContext context) throws IOException {
            LOADS.merge(context.seed(), 1, Integer::sum);
            return moons.load(context);
        }
    }

    /** Supervised steps of an MLP, counting how often it is built. */
    private record CountedSupervised(String tag, int width) implements MethodConfig {
        @Override
        public TrainingMethod create(MethodContext context) {
            BUILDS.merge(tag + "@" + context.seed(), 1, Integer::sum);
            Network network =
                    context.trainable("student", MlpConfig.of(List.of(width)), SgdConfig.of(0.3), context.budget().steps());
            Phase phase = new Phase() {
                @Override
                public String name() {
                    return "train";
                }

                @Override
                public long steps() {
                    return context.budget().steps();
                }

                @Override
                public BatchPlan batches() {
                    return BatchPlan.labeledOnly(context.budget().batchSize());
                }

                @Override
                public StepResult step(StepContext step) {
                    NDArray loss;
                    try (GradientCollector collector = step.newGradientCollector()) {
                        loss = Losses.crossEntropy(network.forward(step.labeled().inputs(), true), step.labeled().labels(), 0f)
                                .mean();
                        collector.backward(loss);
                    }
                    network.update();
                    return new StepResult(Map.of("loss", loss), step.labeled().inputs().getShape().get(0));
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

    private static RunConfig config(List<Long> seeds, Map<String, MethodConfig> methods) {
        return new RunConfig(
                "one-pass",
                seeds,
                new CountedMoons(new TwoMoonsConfig(120, 3, 0.1, 60)),
                AugmentConfig.NONE,
                methods,
                TrainSettings.builder(12, 4).unlabeledRatio(0).evaluateEvery(6).logEvery(6).build(),
                new CpuExecutorConfig(1));
    }

    private static Map<String, MethodConfig> twoMethods() {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("narrow", new CountedSupervised("narrow", 4));
        methods.put("wide", new CountedSupervised("wide", 16));
        return methods;
    }

    private static byte[] model(TrainResult result) throws IOException {
        try (Stream<Path> files = Files.list(result.modelDir())) {
            return Files.readAllBytes(files.findFirst().orElseThrow());
        }
    }

    @Test
    void trainReadsTheDataOnceAndBuildsTheMethodOnce() {
        Ssl4j.create().train(config(List.of(3L), Map.of("narrow", new CountedSupervised("narrow", 4))), dir.resolve("run"));

        assertEquals(Map.of(3L, 1), LOADS, "the preflight's data is the data trained on");
        assertEquals(Map.of("narrow@3", 1), BUILDS, "the preflight's method is the method trained");
    }

    @Test
    void compareReadsTheDataOncePerSeedAndBuildsEachRunsMethodOnce() {
        CompareResult result = Ssl4j.create().compare(config(List.of(1L, 2L, 3L), twoMethods()), dir.resolve("cmp"));

        assertEquals(Map.of(1L, 1, 2L, 1, 3L, 1), LOADS);
        assertEquals(6, BUILDS.size());
        BUILDS.forEach((run, builds) -> assertEquals(1, builds, run));
        List<String> order = new ArrayList<>();
        result.runs().forEach(r -> order.add(r.method() + "@" + r.seed()));
        assertEquals(List.of("narrow@1", "narrow@2", "narrow@3", "wide@1", "wide@2", "wide@3"), order, "by method, then seed");
    }

    @Test
    void aMethodTrainsToTheSameParametersAloneAndBesideOthers() throws IOException {
        Ssl4j ssl4j = Ssl4j.create();
        CompareResult both = ssl4j.compare(config(List.of(1L, 2L), twoMethods()), dir.resolve("cmp"));
        TrainResult alone =
                ssl4j.train(config(List.of(2L), Map.of("wide", new CountedSupervised("wide", 16))), dir.resolve("alone"));
        TrainResult beside =
                both.runs().stream().filter(r -> r.method().equals("wide") && r.seed() == 2).findFirst().orElseThrow();

        assertEquals(alone.accuracy(), beside.accuracy());
        assertArrayEquals(model(alone), model(beside), "the saved parameters, bit for bit");
    }

    @Test
    void collectWritesFromTheRunFoldersTheFilesCompareWrote() throws IOException {
        Ssl4j ssl4j = Ssl4j.create();
        var config = config(List.of(1L, 2L), twoMethods());
        Path cmp = dir.resolve("cmp");
        CompareResult compared = ssl4j.compare(config, cmp);
        String json = Files.readString(cmp.resolve("results.json"));
        String markdown = Files.readString(cmp.resolve("results.md"));
        Files.delete(cmp.resolve("results.json"));
        Files.delete(cmp.resolve("results.md"));

        CompareResult collected = ssl4j.collect(config, cmp, org.ssl4j.runtime.result.Metric.ACCURACY, null);

        assertEquals(json, Files.readString(cmp.resolve("results.json")));
        assertEquals(markdown, Files.readString(cmp.resolve("results.md")));
        assertEquals(compared.runs().size(), collected.runs().size());
        for (int r = 0; r < compared.runs().size(); r++) {
            assertEquals(compared.runs().get(r).accuracy(), collected.runs().get(r).accuracy());
            assertEquals(compared.runs().get(r).evaluations(), collected.runs().get(r).evaluations());
        }
    }

    @Test
    void resumingAFolderThatDoesNotExistCreatesNothing() {
        Path missing = dir.resolve("no-such-run");
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Ssl4j.create().resume(missing));

        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
        assertFalse(Files.exists(missing), "the folder was created");
    }

    @Test
    void resumingAFolderWithoutAConfigCreatesNothingInIt() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Ssl4j.create().resume(empty));

        assertTrue(error.getMessage().contains("is not a run folder: it has no config.yaml"), error.getMessage());
        try (Stream<Path> files = Files.list(empty)) {
            assertEquals(List.of(), files.toList());
        }
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThrows(IllegalArgumentException.class, () -> Ssl4j.create().resume(file));
    }
}
