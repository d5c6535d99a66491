package org.ssl4j.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.testkit.fixtures.RecordingAuxiliaryLoss;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

class SupervisedMethodTest {

    private static final SupervisedConfig PLAIN =
            new SupervisedConfig(new MlpBackbone(8), new TestSgd(0.5f), null, null, null);

    @Test
    void stepsLowerTheLabeledLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.budget(30, ToyData.RATIO), manager);
            TrainingMethod method = PLAIN.create(context);
            Phase phase = method.phases().get(0);
            LabeledBatch labeled = ToyData.labeled(manager);
            float before = labeledLoss(method.evaluated(), labeled);

            for (long step = 0; step < phase.steps(); step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    StepResult result =
                            phase.step(
                                    TestStepContext.of(
                                            step, stepManager, ToyData.labeled(stepManager), null));
                    assertEquals(Set.of("supervised", "loss"), result.losses().keySet());
                    assertEquals(ToyData.BATCH, result.examples());
                }
            }

            assertEquals(1, method.phases().size());
            assertEquals("train", phase.name());
            assertEquals(30, phase.steps());
            assertEquals(BatchPlan.labeledOnly(ToyData.BATCH), phase.batches());
            assertSame(context.network("student"), method.evaluated());
            assertEquals(30, method.evaluated().updates());
            float after = labeledLoss(method.evaluated(), labeled);
            assertTrue(after < before / 2, "loss went from " + before + " to " + after);
        }
    }

    @Test
    void tsaReachesTheStudentAndReportsItsThreshold() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SupervisedConfig config =
                    new SupervisedConfig(new MlpBackbone(8), new TestSgd(0.5f), null, "log", null);
            Phase phase =
                    config.create(
                                    new TestMethodContext(
                                            ToyData.SPEC, ToyData.budget(30, 0), manager))
                            .phases()
                            .get(0);
            LabeledBatch labeled = ToyData.labeled(manager);

            StepResult result = phase.step(TestStepContext.of(25, manager, labeled, null));

            assertEquals(Set.of("supervised", "loss", "tsaThreshold"), result.losses().keySet());
            // step 25 of the test context's 100, K = 2: (1 - exp(-1.25)) * (1 - 1/2) + 1/2
            assertEquals(0.8567476f, result.losses().get("tsaThreshold").getFloat(), 1e-7f);
        }
    }

    @Test
    void auxiliaryTermsGetTheWeakAndStrongLogitsOfOneForwardPass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecordingAuxiliaryLoss auxiliary = new RecordingAuxiliaryLoss("consistency", true);
            SupervisedConfig config =
                    new SupervisedConfig(
                            new MlpBackbone(8),
                            new TestSgd(0.1f),
                            0.1,
                            null,
                            List.of(auxiliary.config()));
            TrainingMethod method =
                    config.create(
                            new TestMethodContext(
                                    ToyData.SPEC, ToyData.budget(5, ToyData.RATIO), manager));
            Phase phase = method.phases().get(0);
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, true);
            float supervised =
                    Losses.crossEntropy(
                                    method.evaluated().forward(labeled.inputs(), false),
                                    labeled.labels(),
                                    0.1f)
                            .mean()
                            .getFloat();

            StepResult result = phase.step(TestStepContext.of(0, manager, labeled, unlabeled));

            int unlabeledCount = ToyData.BATCH * ToyData.RATIO;
            assertEquals(new BatchPlan(ToyData.BATCH, unlabeledCount, true), phase.batches());
            assertEquals(ToyData.BATCH + unlabeledCount, result.examples());
            Map<String, NDArray> losses = result.losses();
            assertEquals(Set.of("supervised", "consistency", "loss"), losses.keySet());
            assertEquals(supervised, losses.get("supervised").getFloat(), 1e-5f);
            assertEquals(
                    supervised + losses.get("consistency").getFloat(),
                    losses.get("loss").getFloat(),
                    1e-5f);
            assertEquals(new Shape(ToyData.BATCH, 2), auxiliary.labeledShape());
            assertEquals(new Shape(unlabeledCount, 2), auxiliary.weakShape());
            assertEquals(new Shape(unlabeledCount, 2), auxiliary.strongShape());
        }
    }

    @Test
    void auxiliaryTermsWithoutUnlabeledDataAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SupervisedConfig config =
                    new SupervisedConfig(
                            new MlpBackbone(8),
                            new TestSgd(0.1f),
                            null,
                            null,
                            List.of(new RecordingAuxiliaryLoss("aux", false).config()));
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.budget(5, 0), manager);

            InvalidConfigException e =
                    assertThrows(InvalidConfigException.class, () -> config.create(context));
            assertEquals("train.unlabeledRatio", e.field());
        }
    }

    @Test
    void auxiliaryTermsMayNotTakeAReportedName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SupervisedConfig config =
                    new SupervisedConfig(
                            new MlpBackbone(8),
                            new TestSgd(0.1f),
                            null,
                            null,
                            List.of(new RecordingAuxiliaryLoss("loss", false).config()));
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.budget(5, ToyData.RATIO), manager);

            InvalidConfigException e =
                    assertThrows(InvalidConfigException.class, () -> config.create(context));
            assertEquals("student.auxiliaryLosses", e.field());
        }
    }

    private static float labeledLoss(Network network, LabeledBatch labeled) {
        return Losses.crossEntropy(network.forward(labeled.inputs(), false), labeled.labels(), 0f)
                .mean()
                .getFloat();
    }
}
