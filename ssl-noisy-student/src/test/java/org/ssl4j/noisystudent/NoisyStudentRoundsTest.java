package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.Student;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.PseudoLabelFile;
import org.ssl4j.steps.PseudoLabelSet;
import org.ssl4j.steps.TeacherPredictions;

/**
 * The {@code noisy-student} rounds, as the preset composes them and on their own, on identity
 * networks whose logits are their inputs, so every label and loss can be computed by hand.
 */
class NoisyStudentRoundsTest {

    private static final BackboneConfig LINEAR = new IdentityLinear.LinearBackbone();
    private static final OptimizerConfig UNUSED_OPTIMIZER =
            steps -> {
                throw new UnsupportedOperationException("the test networks update themselves");
            };
    private static final float LN9 = (float) Math.log(9);
    private static final float LN4 = (float) Math.log(4);
    private static final float LN3 = (float) Math.log(3);

    /**
     * The unlabeled pool as logits of an identity teacher: class 0 with confidences 0.9, 0.8,
     * 0.6; class 1 with 0.75. Balanced to 2 per class: the two most confident of class 0 once,
     * the class-1 example twice.
     */
    private static final float[][] POOL = {{LN9, 0}, {LN4, 0}, {(float) Math.log(1.5), 0}, {0, LN3}};

    private static NoisyStudentConfig preset(int rounds, String kind, String read) {
        return new NoisyStudentConfig(
                LINEAR, List.of(), rounds, UNUSED_OPTIMIZER, kind, null, 0.3, true, 2, 1.0, 0.1, 3, read);
    }

    private static NoisyStudentRoundsConfig rounds(int rounds, double threshold) {
        return new NoisyStudentRoundsConfig(
                rounds, null, null, UNUSED_OPTIMIZER, null, null, threshold, true, 2, null, null, 3, null);
    }

    private static TestContexts.Methods methods(NDManager manager, int unlabeledRatio) {
        return new TestContexts.Methods(TestContexts.twoClasses(), new Budget(5, 1, unlabeledRatio), manager);
    }

    private static TestContexts.Phase begin(NDManager manager, long seed) {
        LabeledBatch labeled =
                new LabeledBatch(
                        TestContexts.examples(manager, new float[][] {{LN9, 0}}), manager.create(new int[] {0}), new long[] {0});
        return new TestContexts.Phase(
                labeled, TestContexts.examples(manager, POOL), manager, new Random(seed), new TestContexts.Recorded());
    }

    @Test
    void thePresetTrainsRoundZeroThenOnePhasePerRoundEachWithItsOwnNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestContexts.Methods context = methods(manager, 4);
            TrainingMethod method = preset(2, null, null).create(context);

            List<Phase> phases = method.phases();
            assertEquals(List.of("round-0", "round-1", "round-2"), phases.stream().map(Phase::name).toList());
            assertEquals(List.of(5L, 5L, 5L), phases.stream().map(Phase::steps).toList());
            assertEquals(BatchPlan.labeledOnly(1), phases.get(0).batches());
            assertEquals(new BatchPlan(1, 4, true), phases.get(1).batches());
            assertEquals(List.of("student", "student-1", "student-2"), context.names(), "created in this order");
            assertSame(context.created.get(0), method.evaluated());
            assertNull(phases.get(1).result(), "a round's student is its result only once it has begun");
        }
    }

    @Test
    void aRoundLabelsBalancesHandsOverAndLearnsTheBalancedSet(@TempDir Path folder) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestContexts.Methods context = methods(manager, 4);
            TrainingMethod method = preset(1, "soft", null).create(context);
            RoundPhase round = (RoundPhase) method.phases().get(1);
            TestContexts.Phase phase = begin(manager, 1);

            round.begin(phase);

            assertSame(context.created.get(1), method.evaluated(), "the student is evaluated from its round on");
            assertSame(context.created.get(1), round.result());
            assertArrayEquals(new int[] {1, 1, 0, 2}, round.pseudoLabels().copies());
            assertEquals(List.of("round-1.csv"), List.copyOf(phase.artifacts().written.keySet()));
            String text = phase.artifacts().written.get("round-1.csv");
            assertTrue(text.startsWith("# ssl4j pseudo-labels, round-1: teacher 'student', soft"), text);
            Path file = Files.writeString(folder.resolve("round-1.csv"), text);
            assertArrayEquals(new int[] {1, 1, 0, 2}, PseudoLabelFile.read(file, 4, 2).copies());

            long[] chosen = round.unlabeledIndices(4, new Random(2));
            long[] sorted = chosen.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new long[] {0, 1, 3, 3}, sorted, "one pass over the balanced set, copies included");

            StepResult result = round.step(step(manager, chosen));

            // soft targets are the teacher's softmax; the identity student's cross-entropy on its
            // own softmax is the entropy: H(0.9) = 0.3251, H(0.8) = 0.5004, H(0.75) = 0.5623 (twice)
            double entropy09 = -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1));
            double entropy08 = -(0.8 * Math.log(0.8) + 0.2 * Math.log(0.2));
            double entropy075 = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
            double pseudo = (entropy09 + entropy08 + 2 * entropy075) / 4;
            // labeled [ln 9, 0] of class 0, smoothing 0.1: target (0.95, 0.05), p = (0.9, 0.1)
            double supervised = -(0.95 * Math.log(0.9) + 0.05 * Math.log(0.1));
            assertEquals(pseudo, result.losses().get("unlabeled").getFloat(), 1e-5);
            assertEquals(supervised, result.losses().get("supervised").getFloat(), 1e-5);
            assertEquals(supervised + pseudo, result.losses().get("loss").getFloat(), 1e-5);
            assertEquals(5, result.examples());
            assertEquals(1, context.created.get(1).updates());
            assertEquals(0, context.created.get(0).updates(), "the teacher only labels");
        }
    }

    @Test
    void roundOneLabelsWithWhatThePhasesBeforeProducedAndLaterRoundsWithThePreviousStudent() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestContexts.Methods context = methods(manager, 4);
            Student student = CrossEntropyStudentConfig.builder(LINEAR, UNUSED_OPTIMIZER).build().create(context);
            Network trainedBefore = context.trainable("mpl-result", LINEAR, UNUSED_OPTIMIZER, 5);
            AtomicReference<Network> previous = new AtomicReference<>(student.network());

            List<Phase> phases =
                    rounds(2, 0.3).create(new PhaseSetup(context, null, student, previous::get, "phases[1]"));
            previous.set(trainedBefore);
            TestContexts.Phase first = begin(manager, 1);
            phases.get(0).begin(first);
            TestContexts.Phase second = begin(manager, 2);
            phases.get(1).begin(second);

            assertEquals(List.of("student", "mpl-result", "student-1", "student-2"), context.names());
            assertTrue(first.artifacts().written.get("round-1.csv").contains("teacher 'mpl-result'"));
            assertTrue(second.artifacts().written.get("round-2.csv").contains("teacher 'student-1'"));
            assertSame(context.created.get(3), phases.get(1).result());
        }
    }

    @Test
    void aRoundThatBeginsAgainAfterAResumeMakesTheSameSetAndTheSameDraws() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingMethod method =
                    new NoisyStudentConfig(LINEAR, List.of(), 1, UNUSED_OPTIMIZER, null, null, 0.3, true, 5, 1.0, 0.1, 3, null)
                            .create(methods(manager, 4));
            RoundPhase round = (RoundPhase) method.phases().get(1);
            TestContexts.Phase first = begin(manager, 11);
            round.begin(first);
            int[] copies = round.pseudoLabels().copies();
            long[] draws = round.unlabeledIndices(8, new Random(5));

            TestContexts.Phase again = begin(manager, 11);
            round.begin(again);

            // 5 per class: class 0's three examples get 5/3 copies, rounded stochastically
            assertEquals(10, Arrays.stream(copies).sum(), Arrays.toString(copies));
            assertArrayEquals(copies, round.pseudoLabels().copies());
            assertArrayEquals(draws, round.unlabeledIndices(8, new Random(5)));
            assertEquals(first.artifacts().written, again.artifacts().written);
        }
    }

    @Test
    void hardLabelsAreTheTeachersArgmaxWithLabelSmoothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingMethod method = preset(1, "hard", null).create(methods(manager, 4));
            RoundPhase round = (RoundPhase) method.phases().get(1);
            round.begin(begin(manager, 1));

            StepResult result = round.step(step(manager, new long[] {3, 3, 3, 3}));

            // class 1 smoothed to (0.05, 0.95) against p = (0.25, 0.75)
            double expected = -(0.05 * Math.log(0.25) + 0.95 * Math.log(0.75));
            assertEquals(expected, result.losses().get("unlabeled").getFloat(), 1e-5);
        }
    }

    @Test
    void readsEachRoundsSetInsteadOfLabelling(@TempDir Path folder) throws IOException {
        Path sets = Files.createDirectories(folder.resolve("sets"));
        TeacherPredictions predictions =
                new TeacherPredictions(
                        2, new int[] {1, 1, 1, 1}, new float[] {1, 1, 1, 1}, new float[] {0, 1, 0, 1, 0, 1, 0, 1});
        Files.writeString(
                sets.resolve("round-1.csv"),
                PseudoLabelFile.format(new PseudoLabelSet(predictions, new int[] {0, 0, 3, 0}), "made elsewhere"));
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingMethod method = preset(1, "soft", sets.toString()).create(methods(manager, 4));
            RoundPhase round = (RoundPhase) method.phases().get(1);
            TestContexts.Phase phase = begin(manager, 1);

            round.begin(phase);

            assertArrayEquals(new long[] {2, 2, 2, 2}, round.unlabeledIndices(4, new Random(3)));
            assertTrue(phase.artifacts().written.get("round-1.csv").contains("read from " + sets));
            InvalidConfigException missing =
                    assertThrows(
                            InvalidConfigException.class,
                            () -> preset(2, "soft", sets.toString()).create(methods(manager, 4)));
            assertEquals("phases[1].readPseudoLabels", missing.field());
            assertTrue(missing.getMessage().contains("round-2.csv"), missing.getMessage());
        }
    }

    @Test
    void aBrokenRoundFileFailsNamingTheFileAndTheLine(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("round-1.csv");
        Files.writeString(
                file,
                "# made by hand\nindex,label,confidence,copies,p0,p1\n0,0,0.9,1,0.9,0.1\n1,0,high,1,0.8,0.2\n");
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingMethod method = preset(1, "soft", folder.toString()).create(methods(manager, 4));

            UncheckedIOException error =
                    assertThrows(UncheckedIOException.class, () -> method.phases().get(1).begin(begin(manager, 1)));

            assertTrue(error.getMessage().contains(file + ":4: not a number"), error.getMessage());
            assertTrue(error.getMessage().startsWith("round-1: "), error.getMessage());
        }
    }

    @Test
    void aRoundWithNothingAboveTheThresholdFailsAfterHandingOverItsSet() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestContexts.Methods context = methods(manager, 4);
            Student student = CrossEntropyStudentConfig.builder(LINEAR, UNUSED_OPTIMIZER).build().create(context);
            Phase round =
                    rounds(1, 0.95)
                            .create(new PhaseSetup(context, null, student, student::network, "phases[1]"))
                            .get(0);
            TestContexts.Phase phase = begin(manager, 1);

            IllegalStateException error = assertThrows(IllegalStateException.class, () -> round.begin(phase));

            assertTrue(error.getMessage().contains("confidence threshold 0.95"), error.getMessage());
            assertTrue(phase.artifacts().written.containsKey("round-1.csv"), "the set is there to inspect");
            assertNull(round.result());
        }
    }

    @Test
    void needsUnlabeledExamplesInEachStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidConfigException error =
                    assertThrows(
                            InvalidConfigException.class, () -> preset(1, null, null).create(methods(manager, 0)));
            assertEquals("train.unlabeledRatio", error.field());
        }
    }

    /** A step whose strong view is the pool examples the phase chose, as stored. */
    private static TestContexts.Step step(NDManager manager, long[] chosen) {
        NDManager stepManager = manager.newSubManager();
        LabeledBatch labeled =
                new LabeledBatch(
                        TestContexts.examples(stepManager, new float[][] {{LN9, 0}}),
                        stepManager.create(new int[] {0}),
                        new long[] {0});
        float[][] rows = new float[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            rows[i] = POOL[(int) chosen[i]];
        }
        var clean = TestContexts.examples(stepManager, rows);
        return new TestContexts.Step(
                stepManager, labeled, new UnlabeledBatch(clean, clean, clean, chosen), new Random(4));
    }
}
