package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainSettings;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;

class NoisyStudentMethodTest {

    private static final BackboneConfig LINEAR = new IdentityLinear.LinearBackbone();
    private static final OptimizerConfig UNUSED_OPTIMIZER =
            steps -> {
                throw new UnsupportedOperationException("the test networks update themselves");
            };
    private static final float LN9 = (float) Math.log(9);
    private static final float LN4 = (float) Math.log(4);
    private static final float LN3 = (float) Math.log(3);

    /**
     * The unlabeled pool as logits of the identity teacher: class 0 with confidences 0.9, 0.8,
     * 0.6; class 1 with 0.75. Balanced to 2 per class: the two most confident of class 0 once,
     * the class-1 example twice.
     */
    private static final float[][] POOL = {{LN9, 0}, {LN4, 0}, {(float) Math.log(1.5), 0}, {0, LN3}};

    private static NoisyStudentConfig config(int rounds, String kind, String read) {
        return new NoisyStudentConfig(
                LINEAR, List.of(), rounds, UNUSED_OPTIMIZER, kind, null, 0.3, true, 2, 1.0, 0.1, 3, read);
    }

    private static SslData data(NDManager manager) {
        ArrayDataset labeled = TestContexts.split(manager, new float[][] {{LN9, 0}}, new int[] {0});
        ArrayDataset pool = TestContexts.split(manager, POOL, null);
        ArrayDataset test = TestContexts.split(manager, new float[][] {{1, 0}}, new int[] {0});
        return new SslData(TestContexts.twoClasses(), labeled, pool, test);
    }

    private static TestContexts.Methods methods(NDManager manager) {
        return new TestContexts.Methods(
                TestContexts.twoClasses(), new TrainSettings(5, 1, 4, 5, 1), manager);
    }

    @Test
    void hasRoundZeroThenOneStudentPhasePerRoundEachWithItsOwnNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestContexts.Methods context = methods(manager);
            NoisyStudentMethod method = new NoisyStudentMethod(config(2, null, null), context);

            List<Phase> phases = method.phases();
            assertEquals(List.of("round-0", "round-1", "round-2"), phases.stream().map(Phase::name).toList());
            assertEquals(List.of(5L, 5L, 5L), phases.stream().map(Phase::steps).toList());
            assertEquals(BatchPlan.labeledOnly(1), phases.get(0).batches());
            assertEquals(new BatchPlan(1, 4, true), phases.get(1).batches());
            assertEquals(
                    List.of("teacher", "student-1", "student-2"),
                    context.created.stream().map(BlockNetwork::name).toList());
            assertSame(context.created.get(0), method.evaluated());
        }
    }

    @Test
    void aStudentRoundLabelsBalancesWritesAndLearnsTheBalancedSet(@TempDir Path folder) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestContexts.Methods context = methods(manager);
            NoisyStudentMethod method = new NoisyStudentMethod(config(1, "soft", null), context);
            StudentPhase round = (StudentPhase) method.phases().get(1);
            SslData data = data(manager);

            round.begin(new TestContexts.Phase(data, manager, new Random(1), folder));

            assertSame(context.created.get(1), method.evaluated(), "the student is evaluated from its round on");
            assertArrayEquals(new int[] {1, 1, 0, 2}, round.pseudoLabels().copies());
            Path file = folder.resolve("pseudo-labels").resolve("round-1.csv");
            assertArrayEquals(new int[] {1, 1, 0, 2}, PseudoLabelFile.read(file, 4, 2).copies());

            long[] chosen = round.unlabeledIndices(4, new Random(2));
            long[] sorted = chosen.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new long[] {0, 1, 3, 3}, sorted, "one pass over the balanced set, copies included");

            StepResult result = round.step(step(manager, data, chosen));

            // soft targets are the teacher's softmax; the identity student's cross-entropy on its
            // own softmax is the entropy: H(0.9) = 0.3251, H(0.8) = 0.5004, H(0.75) = 0.5623 (twice)
            double entropy09 = -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1));
            double entropy08 = -(0.8 * Math.log(0.8) + 0.2 * Math.log(0.2));
            double entropy075 = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
            double pseudo = (entropy09 + entropy08 + 2 * entropy075) / 4;
            // labeled [ln 9, 0] of class 0, smoothing 0.1: target (0.95, 0.05), p = (0.9, 0.1)
            double supervised = -(0.95 * Math.log(0.9) + 0.05 * Math.log(0.1));
            assertEquals(pseudo, result.losses().get("pseudo").getFloat(), 1e-5);
            assertEquals(supervised, result.losses().get("supervised").getFloat(), 1e-5);
            assertEquals(supervised + pseudo, result.losses().get("loss").getFloat(), 1e-5);
            assertEquals(5, result.examples());
            assertEquals(1, context.created.get(1).updates());
            assertEquals(0, context.created.get(0).updates(), "the teacher only labels");
        }
    }

    @Test
    void hardLabelsAreTheTeachersArgmaxWithLabelSmoothing(@TempDir Path folder) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NoisyStudentMethod method = new NoisyStudentMethod(config(1, "hard", null), methods(manager));
            StudentPhase round = (StudentPhase) method.phases().get(1);
            SslData data = data(manager);
            round.begin(new TestContexts.Phase(data, manager, new Random(1), folder));

            StepResult result = round.step(step(manager, data, new long[] {3, 3, 3, 3}));

            // class 1 smoothed to (0.05, 0.95) against p = (0.25, 0.75)
            double expected = -(0.05 * Math.log(0.25) + 0.95 * Math.log(0.75));
            assertEquals(expected, result.losses().get("pseudo").getFloat(), 1e-5);
        }
    }

    @Test
    void readsEachRoundsSetInsteadOfLabelling(@TempDir Path folder) throws IOException {
        Path sets = folder.resolve("sets");
        TeacherPredictions predictions =
                new TeacherPredictions(
                        2, new int[] {1, 1, 1, 1}, new float[] {1, 1, 1, 1},
                        new float[] {0, 1, 0, 1, 0, 1, 0, 1});
        PseudoLabelFile.write(new PseudoLabelSet(predictions, new int[] {0, 0, 3, 0}), sets.resolve("round-1.csv"), "made elsewhere");
        try (NDManager manager = NDManager.newBaseManager()) {
            NoisyStudentMethod method =
                    new NoisyStudentMethod(config(1, "soft", sets.toString()), methods(manager));
            StudentPhase round = (StudentPhase) method.phases().get(1);

            round.begin(new TestContexts.Phase(data(manager), manager, new Random(1), folder.resolve("run")));

            assertArrayEquals(new long[] {2, 2, 2, 2}, round.unlabeledIndices(4, new Random(3)));
            assertTrue(Files.readString(folder.resolve("run/pseudo-labels/round-1.csv")).contains("read from"));
            InvalidConfigException missing =
                    assertThrows(
                            InvalidConfigException.class,
                            () -> new NoisyStudentMethod(config(2, "soft", sets.toString()), methods(manager)));
            assertTrue(missing.getMessage().contains("round-2.csv"), missing.getMessage());
        }
    }

    @Test
    void needsUnlabeledExamplesInEachStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestContexts.Methods context =
                    new TestContexts.Methods(TestContexts.twoClasses(), new TrainSettings(5, 1, 0, 5, 1), manager);
            InvalidConfigException error =
                    assertThrows(InvalidConfigException.class, () -> new NoisyStudentMethod(config(1, null, null), context));
            assertTrue(error.getMessage().contains("unlabeledRatio"), error.getMessage());
        }
    }

    /** A step whose strong view is the clean pool examples the phase chose. */
    private static TestContexts.Step step(NDManager manager, SslData data, long[] chosen) {
        NDManager stepManager = manager.newSubManager();
        var labeledBatch = data.labeled().getByIndices(stepManager, 0L);
        LabeledBatch labeled =
                new LabeledBatch(
                        labeledBatch.getData().head(), labeledBatch.getLabels().head(), new long[] {0});
        NDArray clean = data.unlabeled().getByIndices(stepManager, chosen).getData().head();
        return new TestContexts.Step(
                stepManager, labeled, new UnlabeledBatch(clean, clean, clean, chosen), new Random(4));
    }
}
