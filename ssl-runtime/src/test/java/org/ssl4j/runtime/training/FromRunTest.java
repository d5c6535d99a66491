package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.ConfigReader;
import org.ssl4j.runtime.network.DjlNetwork;
import org.ssl4j.runtime.network.NetworkFactory;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.run.FinishedRun;

/**
 * {@code MethodContext.fromRun}: a frozen network holding a finished run's parameters, its
 * architecture read from that run's config; errors name what the folder holds.
 */
class FromRunTest {

    @TempDir static Path dir;

    private static Ssl4j ssl4j;
    private static TrainResult supervised;
    private static TrainResult started;

    private static String moons(String method) {
        return """
                name: moons
                seed: 3
                data: {type: two-moons, examples: 200, labeledPerClass: 4, testExamples: 100}
                method:
                %s
                train: {steps: 5, batchSize: 8, unlabeledRatio: 2}
                executor: {type: cpu, threads: 1}
                """.formatted(method.stripTrailing());
    }

    private static TrainResult train(String name, String method) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".yaml"), moons(method));
        return ssl4j.train(ssl4j.readConfig(file), dir.resolve(name));
    }

    @BeforeAll
    static void trainTwoRuns() throws Exception {
        ssl4j = Ssl4j.create();
        supervised = train("supervised", """
                  type: supervised
                  backbone: {type: mlp, hidden: [8], activation: tanh}
                  optimizer: {type: sgd, lr: 0.1}
                """);
        // a run whose backbone starts from the first; fromRun must not need that folder
        started = train("started", """
                  type: supervised
                  backbone: {type: mlp, hidden: [8], activation: tanh, initFrom: "%s"}
                  optimizer: {type: sgd, lr: 0.1}
                """.formatted(supervised.runDir()));
    }

    private static NetworkFactory factory(DataSpec data, NDManager manager) {
        NetworkFactory networks = new NetworkFactory(
                data, new Budget(5, 8, 2), 1, manager, List.of(manager.getDevice()), ssl4j.plugins());
        networks.finishedRuns(new FinishedNetworks(new ConfigReader(ssl4j.plugins()), ssl4j.plugins()));
        return networks;
    }

    @Test
    void aFinishedRunsNetworkComesBackFrozenWithItsParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(supervised.data(), manager);
            Network teacher = networks.fromRun("teacher", supervised.runDir(), null);
            assertEquals("teacher", teacher.name());
            assertEquals(List.of(8), ((MlpConfig) teacher.backbone()).hidden());
            DjlNetwork made = networks.networks().get("teacher");
            Map<String, NDArray> saved =
                    FinishedRun.open(supervised.runDir()).parametersFor("student", made.block(), manager);
            made.block().getParameters().forEach(p -> assertArrayEquals(
                    saved.get(p.getKey()).toFloatArray(), p.getValue().getArray().toFloatArray(), p.getKey()));
            assertThrows(IllegalStateException.class, teacher::update, "frozen");
        }
    }

    @Test
    void aRunStartedFromAnotherIsReadWithoutThatOne() throws Exception {
        Path source = dir.resolve("moved-away");
        Files.move(supervised.runDir(), source);
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = factory(supervised.data(), manager).fromRun("teacher", started.runDir(), "student");
            assertTrue(network.backbone() instanceof MlpConfig, "initFrom resolved away: " + network.backbone());
            try (NDManager scratch = manager.newSubManager()) {
                NDArray x = scratch.create(new float[] {0.5f, -0.25f}, new Shape(1, 2));
                float[] expected;
                try (var model = started.loadModel()) {
                    expected = model.probabilities(new float[][] {{0.5f, -0.25f}})[0];
                }
                float[] logits = network.forward(x, false).softmax(-1).toFloatArray();
                assertArrayEquals(expected, logits, 1e-6f);
            }
        } finally {
            Files.move(source, supervised.runDir());
        }
    }

    @Test
    void errorsNameWhatTheFolderHolds() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(supervised.data(), manager);
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> networks.fromRun("teacher", empty, null));
            assertTrue(e.problem().contains(empty + " holds no finished run (no summary.json"), e.problem());
            e = assertThrows(InvalidConfigException.class,
                    () -> networks.fromRun("teacher", supervised.runDir(), "teacher"));
            assertEquals("the run in " + supervised.runDir() + " has no network 'teacher'; its networks: student",
                    e.problem());
            DataSpec wider = new DataSpec(new Shape(3), 2, List.of("a", "b"), "three features");
            e = assertThrows(InvalidConfigException.class,
                    () -> factory(wider, manager).fromRun("teacher", supervised.runDir(), null));
            assertTrue(e.problem().matches("network 'student' of .*: parameter '[^']+' is \\(8, 3\\) float32 here,"
                    + " \\(8, 2\\) float32 in network 'student' of .*"), e.problem());
            assertTrue(networks.networks().isEmpty(), "nothing left behind: " + networks.networks().keySet());
        }
        MethodContext plain = new MethodContext() {
            @Override public DataSpec data() { return supervised.data(); }
            @Override public Budget budget() { return new Budget(5, 8, 2); }
            @Override public long seed() { return 1; }
            @Override public Network trainable(String n, org.ssl4j.api.model.BackboneConfig b,
                    org.ssl4j.api.model.OptimizerConfig o, long s) { throw new AssertionError(); }
            @Override public Network frozen(String n, org.ssl4j.api.model.BackboneConfig b) { throw new AssertionError(); }
        };
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> plain.fromRun("teacher", supervised.runDir(), null));
        assertEquals("this context cannot read finished runs", refused.getMessage());
    }
}
