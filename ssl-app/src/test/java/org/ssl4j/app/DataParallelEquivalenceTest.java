package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.result.TrainResult;

/**
 * The data-parallel executor path, end to end on the CPU: a real method trained by the runtime
 * with three replicas of each network (every batch split three ways, the gradients bridged back
 * and summed, one update) ends with the same parameters, within float rounding, as the same run
 * on one device. For supervised training (one network) and Meta Pseudo Labels (a teacher and a
 * student, two updates per step, the student's before/after losses feeding the teacher).
 */
class DataParallelEquivalenceTest {

    /** Largest allowed difference of any parameter after the run, against one device. */
    private static final double TOLERANCE = 1e-5;
    private static final MlpConfig MLP = new MlpConfig(List.of(32, 32), null, null);
    private static final DataSpec MOONS = new DataSpec(new Shape(2), 2, List.of("upper", "lower"), "two moons");

    @TempDir Path dir;

    private double lastAccuracy;

    private static String config(String method, long seed, int replicas) {
        String body =
                switch (method) {
                    case "supervised" -> """
                              type: supervised
                              backbone: {type: mlp, hidden: [32, 32]}
                              optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.0005}
                            """;
                    case "mpl" -> """
                              type: mpl
                              teacher:
                                backbone: {type: mlp, hidden: [32, 32]}
                                optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: true}
                                auxiliaryLosses: [{type: uda, weight: 1.0, threshold: 0.0}]
                              student:
                                backbone: {type: mlp, hidden: [32, 32]}
                                optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: true}
                              feedback: {baselineRate: 0.01}
                            """;
                    case "fixmatch" -> """
                              type: pseudo-label
                              backbone: {type: mlp, hidden: [32, 32]}
                              optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                              teacher: {type: self}
                              pseudoLabels: {type: hard, threshold: 0.7}
                              studentView: strong
                            """;
                    case "pseudo-label-ema" -> """
                              type: pseudo-label
                              backbone: {type: mlp, hidden: [32, 32]}
                              optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                              teacher: {type: ema, decay: 0.9}
                              pseudoLabels: {type: soft}
                            """;
                    case "noisy-student" -> """
                              type: noisy-student
                              teacher: {type: mlp, hidden: [32, 32], dropout: 0.2}
                              students: [{type: mlp, hidden: [32, 32], dropout: 0.2}]
                              rounds: 1
                              optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                              threshold: 0.3
                            """;
                    case "reduced-mpl" -> """
                              type: reduced-mpl
                              largeTeacher:
                                backbone: {type: mlp, hidden: [32, 32]}
                                optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                              largeTeacherSteps: 20
                              reducedTeacher:
                                backbone: {type: mlp, hidden: [8]}
                                optimizer: {type: sgd, lr: 0.05}
                              student:
                                backbone: {type: mlp, hidden: [32, 32]}
                                optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
                            """;
                    default -> throw new IllegalArgumentException(method);
                };
        return """
                name: replicas-%s
                seed: %d
                data: {type: two-moons, examples: 400, labeledPerClass: 8, testExamples: 100, noise: 0.1}
                augment:
                  weak: {type: gaussian-noise, std: 0.05}
                  strong: {type: gaussian-noise, std: 0.2}
                method:
                %s
                train: {steps: 40, batchSize: 10, unlabeledRatio: 3, evaluateEvery: 40}
                executor: {type: cpu, replicas: %d}
                """
                .formatted(method, seed, body.stripTrailing(), replicas);
    }

    private Path train(String method, long seed, int replicas) throws Exception {
        Path file = dir.resolve(method + "-" + seed + "-" + replicas + ".yaml");
        Files.writeString(file, config(method, seed, replicas));
        Ssl4j ssl4j = Ssl4j.create();
        RunConfig config = ssl4j.readConfig(file);
        Path run = dir.resolve(method + "-" + seed + "-r" + replicas);
        TrainResult result = ssl4j.train(config, run);
        assertTrue(result.steps() >= 40, "steps " + result.steps());
        lastAccuracy = result.accuracy();
        return run.resolve("networks");
    }

    private static List<float[]> parameters(Path folder, String network) throws Exception {
        try (Model model = Model.newInstance(network)) {
            model.setBlock(MLP.build(MOONS));
            model.load(folder, network);
            List<float[]> values = new ArrayList<>();
            for (Parameter p : model.getBlock().getParameters().values()) {
                values.add(p.getArray().toFloatArray());
            }
            return values;
        }
    }

    private static double largestDifference(Path a, Path b, String network) throws Exception {
        List<float[]> x = parameters(a, network);
        List<float[]> y = parameters(b, network);
        double largest = 0;
        for (int i = 0; i < x.size(); i++) {
            for (int j = 0; j < x.get(i).length; j++) {
                largest = Math.max(largest, Math.abs(x.get(i)[j] - y.get(i)[j]));
            }
        }
        return largest;
    }

    @ParameterizedTest
    @ValueSource(strings = {"supervised", "mpl", "fixmatch", "pseudo-label-ema", "reduced-mpl"})
    void threeReplicasEndWhereOneDeviceEnds(String method) throws Exception {
        Path single = train(method, 3, 1);
        Path replicated = train(method, 3, 3);
        Path otherSeed = train(method, 4, 1);
        List<String> networks = method.equals("mpl") ? List.of("teacher", "student") : List.of("student");
        for (String network : networks) {
            double difference = largestDifference(single, replicated, network);
            double seeds = largestDifference(single, otherSeed, network);
            System.out.printf("%s %s: 1 vs 3 replicas %.3g, seed 3 vs 4 %.3g%n", method, network, difference, seeds);
            assertTrue(seeds > 1000 * TOLERANCE, "the control differs by only " + seeds);
            assertTrue(difference < TOLERANCE, method + " " + network + ": 3 replicas differ from 1 by " + difference);
        }
    }

    /**
     * A method whose networks draw randomness inside the forward pass (dropout) and that creates
     * networks round by round trains on replicas without knowing it. Dropout draws per part, so
     * the runs are not equal; they must finish and learn as well.
     */
    @ParameterizedTest
    @ValueSource(strings = {"noisy-student"})
    void aMethodWithDropoutStillTrainsOnReplicas(String method) throws Exception {
        train(method, 3, 1);
        double single = lastAccuracy;
        train(method, 3, 2);
        double replicated = lastAccuracy;
        System.out.printf("%s accuracy: 1 replica %.3f, 2 replicas %.3f%n", method, single, replicated);
        assertTrue(replicated > 0.7, method + " on 2 replicas reached only " + replicated);
        assertTrue(Math.abs(replicated - single) < 0.1, "1 replica " + single + ", 2 replicas " + replicated);
    }
}
