package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

/** Reduced MPL: the large teacher is trained, its predictions stored, then freed before the student exists. */
class ReducedMplTest {

    @Test
    void theLargeTeacherIsFreedBeforeTheStudentIsCreatedAndTheReducedTeacherLearns() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.train(3, ToyData.RATIO), manager);
            ReducedMplConfig config =
                    new ReducedMplConfig(
                            new MplTeacherConfig(new MlpBackbone(8), new TestSgd(0.5f), null, null, null),
                            5L,
                            new MplTeacherConfig(new MlpBackbone(4), new TestSgd(0.5f), null, null, null),
                            null,
                            null,
                            null);
            TrainingMethod method = config.create(context);
            List<Phase> phases = method.phases();
            assertEquals(List.of("large-teacher", "mpl"), phases.stream().map(Phase::name).toList());
            BlockNetwork large = context.network(ReducedMplMethod.LARGE_TEACHER);
            assertSame(large, method.evaluated());
            assertThrows(IllegalArgumentException.class, () -> context.network(MplMethod.STUDENT));

            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 5; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    StepResult result =
                            phases.get(0)
                                    .step(TestStepContext.of(step, stepManager, ToyData.labeled(stepManager), null));
                    last = result.losses().get(MetaTeacher.SUPERVISED).getFloat();
                    first = step == 0 ? last : first;
                }
            }
            assertTrue(last < first, "the large teacher learns: " + first + " -> " + last);

            NDManager phaseManager = manager.newSubManager();
            phases.get(1).begin(new Data(toyData(manager), phaseManager));
            assertEquals(List.of(ReducedMplMethod.LARGE_TEACHER), context.released());
            BlockNetwork student = context.network(MplMethod.STUDENT);
            assertSame(student, method.evaluated());

            BlockNetwork reduced = context.network(ReducedMplMethod.REDUCED_TEACHER);
            List<float[]> reducedBefore = reduced.snapshot();
            List<float[]> studentBefore = student.snapshot();
            for (int step = 0; step < 3; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    StepResult result =
                            phases.get(1)
                                    .step(
                                            TestStepContext.of(
                                                    step,
                                                    stepManager,
                                                    ToyData.labeled(stepManager),
                                                    ToyData.unlabeled(stepManager, true)));
                    assertTrue(result.losses().containsKey(MetaTeacher.FEEDBACK));
                }
            }
            assertFalse(Arrays.equals(reducedBefore.get(0), reduced.snapshot().get(0)), "reduced teacher learns");
            assertFalse(Arrays.equals(studentBefore.get(0), student.snapshot().get(0)), "student learns");
            phaseManager.close();
        }
    }

    @Test
    void auxiliaryLossesOnTheReducedTeacherAndTheSoftVariantAreRefusedWithTheirField() {
        MplTeacherConfig large = new MplTeacherConfig(new MlpBackbone(8), new TestSgd(0.5f), null, null, null);
        InvalidConfigException soft =
                assertThrows(
                        InvalidConfigException.class,
                        () ->
                                new ReducedMplConfig(
                                        large, 5L, large, null, null,
                                        new FeedbackConfig("soft-exact", null, null, null)));
        assertEquals("feedback.variant", soft.field());
        InvalidConfigException steps =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new ReducedMplConfig(large, null, large, null, null, null));
        assertEquals("largeTeacherSteps", steps.field());
    }

    /** The toy batches as whole splits: the labeled and unlabeled batches' indices point into them. */
    private static SslData toyData(NDManager manager) {
        LabeledBatch labeled = ToyData.labeled(manager);
        UnlabeledBatch unlabeled = ToyData.unlabeled(manager, false);
        ArrayDataset labeledSplit =
                new ArrayDataset.Builder()
                        .setData(labeled.inputs())
                        .optLabels(labeled.labels())
                        .setSampling(4, false)
                        .build();
        ArrayDataset unlabeledSplit =
                new ArrayDataset.Builder().setData(unlabeled.clean()).setSampling(4, false).build();
        return new SslData(ToyData.SPEC, labeledSplit, unlabeledSplit, labeledSplit);
    }

    private record Data(SslData data, NDManager manager) implements PhaseContext {
        @Override
        public Random random() {
            return new Random(0);
        }
    }
}
