package org.ssl4j.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.View;
import org.ssl4j.testkit.fixtures.RecordingAuxiliaryLoss;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

class CrossEntropyStudentTest {

    @Test
    void labeledOnlyStepOptimisesTheSupervisedLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = network(manager);
            CrossEntropyStudent student =
                    student(network, 0.0, TsaSchedule.NONE, 1.0, List.of(), View.WEAK);
            LabeledBatch labeled = ToyData.labeled(manager);
            float expected = labeledLoss(network, labeled);

            StepContext context = TestStepContext.of(0, manager, labeled, null);
            StudentFeedback feedback = student.learn(null, context);

            Map<String, NDArray> losses = feedback.losses();
            assertEquals(Set.of("supervised", "loss"), losses.keySet());
            assertEquals(expected, losses.get("supervised").getFloat(), 1e-5f);
            assertEquals(expected, losses.get("loss").getFloat(), 1e-5f);
            assertNull(feedback.labeledLossBefore());
            assertNull(feedback.labeledLossAfter());
            assertEquals(1, network.updates());
            assertNotEquals(expected, labeledLoss(network, labeled), 1e-4f);
        }
    }

    @Test
    void pseudoLabelLossIsWeightedAndComputedOnTheViewsLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = network(manager);
            RecordingAuxiliaryLoss auxiliary = new RecordingAuxiliaryLoss("aux", true);
            CrossEntropyStudent student =
                    student(network, 0.0, TsaSchedule.NONE, 0.5, List.of(auxiliary), View.STRONG);
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, true);
            PseudoLabels labels =
                    new HardLabelStrategy(0f).label(network.forward(unlabeled.weak(), false));
            float supervised = labeledLoss(network, labeled);
            float pseudo = labels.loss(network.forward(unlabeled.strong(), false), 0f).getFloat();

            StudentFeedback feedback =
                    student.learn(labels, TestStepContext.of(0, manager, labeled, unlabeled));

            Map<String, NDArray> losses = feedback.losses();
            assertEquals(supervised, losses.get("supervised").getFloat(), 1e-5f);
            assertEquals(pseudo, losses.get("unlabeled").getFloat(), 1e-5f);
            float aux = losses.get("aux").getFloat();
            assertEquals(supervised + 0.5f * pseudo + aux, losses.get("loss").getFloat(), 1e-5f);
            assertEquals(new Shape(ToyData.BATCH, 2), auxiliary.labeledShape());
            assertEquals(new Shape(ToyData.BATCH * ToyData.RATIO, 2), auxiliary.weakShape());
            assertEquals(new Shape(ToyData.BATCH * ToyData.RATIO, 2), auxiliary.strongShape());
        }
    }

    @Test
    void aStudentWithoutLabeledLossNeedsPseudoLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = network(manager);
            CrossEntropyStudent student =
                    new CrossEntropyStudent(
                            holding(network),
                            CrossEntropyStudentConfig.builder(new MlpBackbone(8), new TestSgd(0.1f))
                                    .labeledLoss(false)
                                    .build(),
                            List.of());
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, false);

            assertThrows(
                    IllegalStateException.class,
                    () -> student.learn(null, TestStepContext.of(0, manager, labeled, unlabeled)));
            assertEquals(0, network.updates());
        }
    }

    @Test
    void withoutTsaTheSupervisedLossIsThePlainMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = network(manager);
            CrossEntropyStudent student =
                    student(network, 0.1, TsaSchedule.NONE, 1.0, List.of(), View.WEAK);
            LabeledBatch labeled = ToyData.labeled(manager);
            float expected =
                    Losses.crossEntropy(
                                    network.forward(labeled.inputs(), false),
                                    labeled.labels(),
                                    0.1f)
                            .mean()
                            .getFloat();

            StepContext context = TestStepContext.of(99, manager, labeled, null);
            StudentFeedback feedback = student.learn(null, context);

            Map<String, NDArray> losses = feedback.losses();
            assertEquals(Set.of("supervised", "loss"), losses.keySet());
            assertEquals(expected, losses.get("supervised").getFloat(), 0f);
            assertEquals(expected, losses.get("loss").getFloat(), 0f);
        }
    }

    @Test
    void tsaDropsTheConfidentExamplesAndReportsItsThresholdOutsideTheLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = network(manager);
            CrossEntropyStudent student =
                    student(network, 0.0, TsaSchedule.EXP, 1.0, List.of(), View.WEAK);
            LabeledBatch labeled = ToyData.labeled(manager);
            NDArray logits = network.forward(labeled.inputs(), false);
            float[] losses = Losses.crossEntropy(logits, labeled.labels(), 0f).toFloatArray();
            float[] correct =
                    logits.softmax(1)
                            .mul(Losses.targets(labeled.labels(), 2, 0f))
                            .sum(new int[] {1})
                            .toFloatArray();
            // step 25 of 100, K = 2: exp(5 * (0.25 - 1)) * (1 - 1/2) + 1/2
            float threshold = 0.511758873f;
            float sum = 0f;
            int kept = 0;
            for (int i = 0; i < losses.length; i++) {
                if (correct[i] <= threshold) {
                    sum += losses[i];
                    kept++;
                }
            }
            assertTrue(kept > 0 && kept < losses.length, "kept " + kept + " of " + losses.length);

            StepContext context = TestStepContext.of(25, manager, labeled, null);
            StudentFeedback feedback = student.learn(null, context);

            Map<String, NDArray> reported = feedback.losses();
            assertEquals(Set.of("supervised", "loss", "tsaThreshold"), reported.keySet());
            assertEquals(threshold, reported.get("tsaThreshold").getFloat(), 1e-7f);
            assertEquals(sum / kept, reported.get("supervised").getFloat(), 1e-5f);
            assertEquals(sum / kept, reported.get("loss").getFloat(), 1e-5f);
            assertEquals(1, network.updates());
        }
    }

    @Test
    void annealedCrossEntropyAveragesOverTheKeptExamplesOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // p(true class 0) = sigmoid(3) = 0.953, 0.5 and sigmoid(-1) = 0.269
            NDArray logits = manager.create(new float[][] {{3, 0}, {0, 0}, {0, 1}});
            NDArray labels = manager.create(new long[] {0, 0, 0});
            logits.setRequiresGradient(true);
            // (ln 2 + ln(1 + e)) / 2: the first example is above 0.9 and dropped
            float expected = 1.0032044f;

            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                loss = CrossEntropyStudent.annealedCrossEntropy(logits, labels, 0f, 0.9f);
                collector.backward(loss);
            }

            assertEquals(expected, loss.getFloat(), 1e-6f);
            // d/dlogits of the mean over the two kept: (softmax - onehot) / 2, where the third
            // row's softmax is (1 - sigmoid(1), sigmoid(1)); nothing for the dropped first row
            float half = (float) (1 / (1 + Math.exp(-1))) / 2;
            assertArrayEquals(
                    new float[] {0, 0, -0.25f, 0.25f, -half, half},
                    logits.getGradient().toFloatArray(),
                    1e-6f);
            assertEquals(
                    expected,
                    CrossEntropyStudent.annealedCrossEntropy(logits, labels, 0f, 0.5f).getFloat(),
                    1e-6f,
                    "an example exactly at the threshold is kept");
            // with smoothing 0.2 the kept targets are (0.9, 0.1): (ln 2 + 1.2132617) / 2
            assertEquals(
                    0.9532044f,
                    CrossEntropyStudent.annealedCrossEntropy(logits, labels, 0.2f, 0.9f).getFloat(),
                    1e-6f);
        }
    }

    @Test
    void annealedCrossEntropyIsZeroWhenEveryExampleIsDropped() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[][] {{3, 0}, {0, 0}, {0, 1}});
            NDArray labels = manager.create(new long[] {0, 0, 0});

            NDArray loss = CrossEntropyStudent.annealedCrossEntropy(logits, labels, 0f, 0.1f);

            assertEquals(0f, loss.getFloat(), 0f);
            assertEquals(new Shape(), loss.getShape());
        }
    }

    /** A context whose trainable network is {@code network}, which the student then creates. */
    private static MethodContext holding(Network network) {
        return new MethodContext() {
            @Override
            public DataSpec data() {
                return ToyData.SPEC;
            }

            @Override
            public Budget budget() {
                return ToyData.budget(10, ToyData.RATIO);
            }

            @Override
            public long seed() {
                return 0;
            }

            @Override
            public Network trainable(String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps) {
                return network;
            }

            @Override
            public Network frozen(String name, BackboneConfig backbone) {
                throw new UnsupportedOperationException("no moving average in these tests");
            }
        };
    }

    private static Network network(NDManager manager) {
        return new TestMethodContext(ToyData.SPEC, ToyData.budget(10, ToyData.RATIO), manager)
                .trainable("student", new MlpBackbone(8), new TestSgd(0.1f), 10);
    }

    private static CrossEntropyStudent student(
            Network network,
            double smoothing,
            TsaSchedule tsa,
            double unlabeledWeight,
            List<org.ssl4j.api.role.AuxiliaryLoss> auxiliary,
            View view) {
        CrossEntropyStudentConfig config =
                CrossEntropyStudentConfig.builder(new MlpBackbone(8), new TestSgd(0.1f))
                        .labelSmoothing(smoothing)
                        .tsa(tsa)
                        .unlabeledWeight(unlabeledWeight)
                        .view(view)
                        .build();
        return new CrossEntropyStudent(holding(network), config, auxiliary);
    }

    private static float labeledLoss(Network network, LabeledBatch labeled) {
        NDArray logits = network.forward(labeled.inputs(), false);
        return Losses.crossEntropy(logits, labeled.labels(), 0f).mean().getFloat();
    }
}
