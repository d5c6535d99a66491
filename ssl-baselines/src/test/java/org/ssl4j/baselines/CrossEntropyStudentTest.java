package org.ssl4j.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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

class CrossEntropyStudentTest {

    @Test
    void labeledOnlyStepOptimisesTheSupervisedLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = network(manager);
            CrossEntropyStudent student =
                    new CrossEntropyStudent(network, 0f, step -> 1, List.of(), StudentView.WEAK);
            LabeledBatch labeled = ToyData.labeled(manager);
            float expected = labeledLoss(network, labeled);

            StepContext context = TestStepContext.of(0, manager, labeled, null);
            StudentFeedback feedback = student.learn(labeled, null, null, context);

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
                    new CrossEntropyStudent(
                            network, 0f, step -> 0.5, List.of(auxiliary), StudentView.STRONG);
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, true);
            PseudoLabels labels =
                    new HardLabelStrategy(0f).label(network.forward(unlabeled.weak(), false));
            float supervised = labeledLoss(network, labeled);
            float pseudo = labels.loss(network.forward(unlabeled.strong(), false), 0f).getFloat();

            StudentFeedback feedback =
                    student.learn(
                            labeled,
                            unlabeled.strong(),
                            labels,
                            TestStepContext.of(0, manager, labeled, unlabeled));

            Map<String, NDArray> losses = feedback.losses();
            assertEquals(supervised, losses.get("supervised").getFloat(), 1e-5f);
            assertEquals(pseudo, losses.get("unlabeled").getFloat(), 1e-5f);
            float aux = losses.get("aux").getFloat();
            assertEquals(supervised + 0.5f * pseudo + aux, losses.get("loss").getFloat(), 1e-5f);
            assertEquals(new Shape(ToyData.BATCH, 2), auxiliary.labeledShape());
            assertNull(auxiliary.weakShape());
            assertEquals(new Shape(ToyData.BATCH * ToyData.RATIO, 2), auxiliary.strongShape());
        }
    }

    @Test
    void anUnlabeledViewNeedsItsLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CrossEntropyStudent student =
                    new CrossEntropyStudent(
                            network(manager), 0f, step -> 1, List.of(), StudentView.WEAK);
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, false);

            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            student.learn(
                                    labeled,
                                    unlabeled.weak(),
                                    null,
                                    TestStepContext.of(0, manager, labeled, unlabeled)));
        }
    }

    private static Network network(NDManager manager) {
        return new TestMethodContext(ToyData.SPEC, ToyData.train(10, ToyData.RATIO), manager)
                .trainable("student", new MlpBackbone(8), new TestSgd(0.1f), 10);
    }

    private static float labeledLoss(Network network, LabeledBatch labeled) {
        NDArray logits = network.forward(labeled.inputs(), false);
        return Losses.crossEntropy(logits, labeled.labels(), 0f).mean().getFloat();
    }
}
