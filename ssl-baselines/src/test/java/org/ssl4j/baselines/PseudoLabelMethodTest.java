package org.ssl4j.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;
import org.ssl4j.steps.HardLabelsConfig;
import org.ssl4j.steps.HardLabelStrategy;

class PseudoLabelMethodTest {

    private static final int UNLABELED = ToyData.BATCH * ToyData.RATIO;

    @Test
    void thresholdOneMasksEveryExample() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Phase phase =
                    method(manager, null, new HardLabelsConfig(1.0), null, null).phases().get(0);

            Map<String, NDArray> losses = step(phase, manager, 0).losses();

            assertEquals(Set.of("supervised", "unlabeled", "loss", "maskRate"), losses.keySet());
            assertEquals(0f, losses.get("maskRate").getFloat());
            assertEquals(0f, losses.get("unlabeled").getFloat());
            assertEquals(losses.get("supervised").getFloat(), losses.get("loss").getFloat());
            assertEquals(new BatchPlan(ToyData.BATCH, UNLABELED, false), phase.batches());
            assertEquals("train", phase.name());
            assertEquals(20, phase.steps());
        }
    }

    @Test
    void unlabeledWeightRampsUpOverTheWarmup() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Phase phase = method(manager, null, null, 10L, null).phases().get(0);

            for (long step : new long[] {0, 5, 10, 15}) {
                try (NDManager stepManager = manager.newSubManager()) {
                    Map<String, NDArray> losses = step(phase, stepManager, step).losses();
                    float supervised = losses.get("supervised").getFloat();
                    float unlabeled = losses.get("unlabeled").getFloat();
                    float weight = 2f * Math.min(1f, step / 10f);

                    assertEquals(1f, losses.get("maskRate").getFloat());
                    assertTrue(unlabeled > 0, "unlabeled loss " + unlabeled);
                    assertEquals(
                            supervised + weight * unlabeled,
                            losses.get("loss").getFloat(),
                            1e-5f,
                            "step " + step);
                }
            }
        }
    }

    @Test
    void studentLearnsTheTeachersWeakViewLabelsOnTheStrongView() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingMethod method = method(manager, null, null, null, "strong");
            Phase phase = method.phases().get(0);
            Network student = method.evaluated();
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, true);
            PseudoLabels labels =
                    new HardLabelStrategy(0f).label(student.forward(unlabeled.weak(), false));
            float expected = labels.loss(student.forward(unlabeled.strong(), false), 0f).getFloat();

            StepResult result = phase.step(TestStepContext.of(3, manager, labeled, unlabeled));

            assertEquals(new BatchPlan(ToyData.BATCH, UNLABELED, true), phase.batches());
            assertEquals(expected, result.losses().get("unlabeled").getFloat(), 1e-5f);
            assertEquals(ToyData.BATCH + UNLABELED, result.examples());
            assertEquals(1, student.updates());
        }
    }

    @Test
    void aTeacherFromConfigGetsItsOwnNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.budget(20, ToyData.RATIO), manager);
            TrainingMethod method =
                    config(new EmaTeacherConfig(0.5), null, null, null).create(context);

            step(method.phases().get(0), manager, 0);

            assertSame(context.network("student"), method.evaluated());
            assertEquals(0, context.network("teacher").updates());
            assertEquals(1, method.evaluated().updates());
        }
    }

    @Test
    void noUnlabeledDataIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.budget(20, 0), manager);
            PseudoLabelConfig config = config(null, null, null, null);

            InvalidConfigException e =
                    assertThrows(InvalidConfigException.class, () -> config.create(context));
            assertEquals("train.unlabeledRatio", e.field());
        }
    }

    @Test
    void tsaReachesTheStudentAndReportsItsThreshold() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PseudoLabelConfig config =
                    new PseudoLabelConfig(
                            new MlpBackbone(8),
                            new TestSgd(0.1f),
                            null,
                            null,
                            null,
                            null,
                            null,
                            "linear",
                            null,
                            null);
            Phase phase =
                    config.create(
                                    new TestMethodContext(
                                            ToyData.SPEC,
                                            ToyData.budget(20, ToyData.RATIO),
                                            manager))
                            .phases()
                            .get(0);

            Map<String, NDArray> losses = step(phase, manager, 50).losses();

            assertEquals(
                    Set.of("supervised", "unlabeled", "loss", "maskRate", "tsaThreshold"),
                    losses.keySet());
            // step 50 of the test context's 100, K = 2: 0.5 * (1 - 1/2) + 1/2
            assertEquals(0.75f, losses.get("tsaThreshold").getFloat(), 1e-7f);
        }
    }

    private static TrainingMethod method(
            NDManager manager,
            TeacherConfig teacher,
            PseudoLabelStrategyConfig strategy,
            Long warmupSteps,
            String studentView) {
        return config(teacher, strategy, warmupSteps, studentView)
                .create(
                        new TestMethodContext(
                                ToyData.SPEC, ToyData.budget(20, ToyData.RATIO), manager));
    }

    /** Unlabeled weight 2, the given settings, the rest left to defaults. */
    private static PseudoLabelConfig config(
            TeacherConfig teacher,
            PseudoLabelStrategyConfig strategy,
            Long warmupSteps,
            String studentView) {
        return new PseudoLabelConfig(
                new MlpBackbone(8),
                new TestSgd(0.1f),
                teacher,
                strategy,
                2.0,
                warmupSteps,
                null,
                null,
                studentView,
                null);
    }

    private static StepResult step(Phase phase, NDManager manager, long step) {
        LabeledBatch labeled = ToyData.labeled(manager);
        UnlabeledBatch unlabeled = ToyData.unlabeled(manager, false);
        return phase.step(TestStepContext.of(step, manager, labeled, unlabeled));
    }
}
