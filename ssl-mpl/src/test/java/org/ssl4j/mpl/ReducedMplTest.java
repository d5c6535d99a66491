package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.PretrainConfig;
import org.ssl4j.steps.TeacherStudentConfig;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

/** Reduced MPL: the large teacher is trained, its predictions stored, then freed before the student exists. */
class ReducedMplTest {

    private static final MplTeacherConfig LARGE =
            new MplTeacherConfig(new MlpBackbone(8), new TestSgd(0.5f), null, null, null);

    @Test
    void theLargeTeacherIsFreedBeforeTheStudentIsCreatedAndTheReducedTeacherLearns() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(3, ToyData.RATIO), manager);
            ReducedMplConfig config =
                    new ReducedMplConfig(
                            LARGE, 5L, new MplTeacherConfig(new MlpBackbone(4), new TestSgd(0.5f), null, null, null),
                            null, null, null);
            TrainingMethod method = config.create(context);
            List<Phase> phases = method.phases();
            assertEquals(List.of("large-teacher", "mpl"), phases.stream().map(Phase::name).toList());
            assertEquals(5, phases.get(0).steps());
            assertEquals(0, phases.get(0).batches().unlabeled(), "without auxiliary losses it draws labeled data only");
            BlockNetwork large = context.network("large-teacher");
            assertSame(large, method.evaluated());
            assertThrows(IllegalArgumentException.class, () -> context.network("student"));

            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 5; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    StepResult result =
                            phases.get(0).step(TestStepContext.of(step, stepManager, ToyData.labeled(stepManager), null));
                    last = result.losses().get(MetaTeacher.SUPERVISED).getFloat();
                    first = step == 0 ? last : first;
                }
            }
            assertTrue(last < first, "the large teacher learns: " + first + " -> " + last);
            assertThrows(IllegalArgumentException.class, () -> context.network("student"), "no student yet");

            NDManager phaseManager = manager.newSubManager();
            phases.get(1).begin(new ToySets(phaseManager));
            assertEquals(List.of("large-teacher"), context.released());
            BlockNetwork student = context.network("student");
            assertSame(student, method.evaluated());

            BlockNetwork reduced = context.network("reduced-teacher");
            List<float[]> reducedBefore = reduced.snapshot();
            List<float[]> studentBefore = student.snapshot();
            for (int step = 0; step < 3; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    StepResult result =
                            phases.get(1)
                                    .step(TestStepContext.of(
                                            step, stepManager, ToyData.labeled(stepManager), ToyData.unlabeled(stepManager, true)));
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
        InvalidConfigException soft =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new ReducedMplConfig(LARGE, 5L, LARGE, null, null, new FeedbackConfig("soft-exact", null, null, null)));
        assertEquals("feedback.variant", soft.field());
        InvalidConfigException steps =
                assertThrows(InvalidConfigException.class, () -> new ReducedMplConfig(LARGE, null, LARGE, null, null, null));
        assertEquals("largeTeacherSteps", steps.field());
        InvalidConfigException stepsWithoutLarge =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new MetaTeacherConfig(new MlpBackbone(4), new TestSgd(0.5f), null, null, null, null, null, 5L));
        assertEquals("largeTeacherSteps", stepsWithoutLarge.field());
    }

    @Test
    void phasesThatNeedAMetaOrPretrainableTeacherRefuseACompositionWithoutOneNamingTheirPath() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(3, ToyData.RATIO), manager);
            CrossEntropyStudentConfig student =
                    CrossEntropyStudentConfig.builder(new MlpBackbone(4), new TestSgd(0.5f)).measureFeedback(true).build();
            InvalidConfigException pretrain =
                    assertThrows(
                            InvalidConfigException.class,
                            () -> new TeacherStudentConfig(new OtherTeacher(), student, null, List.of(new PretrainConfig(null, null)))
                                    .create(context));
            assertEquals("phases[0].type", pretrain.field());
            assertTrue(pretrain.problem().contains("learns alone"), pretrain.problem());
            InvalidConfigException soft =
                    assertThrows(
                            InvalidConfigException.class,
                            () -> new TeacherStudentConfig(
                                            new OtherTeacher(), student, null, List.of(new SoftExactConfig(null, null, null, null)))
                                    .create(new TestMethodContext(ToyData.SPEC, ToyData.budget(3, ToyData.RATIO), manager)));
            assertEquals("phases[0].type", soft.field());
        }
    }

    /** A teacher that is not {@code meta}: it labels with a fixed class. */
    private record OtherTeacher() implements org.ssl4j.api.role.TeacherConfig {
        @Override
        public org.ssl4j.api.role.Teacher create(org.ssl4j.api.role.TeacherContext context) {
            return step -> new org.ssl4j.steps.HardLabelStrategy(0f)
                    .label(step.manager().zeros(new ai.djl.ndarray.types.Shape(step.unlabeled().weak().getShape().get(0), 2)));
        }
    }

    /** The toy batches as whole splits: the labeled and unlabeled batches' indices point into them. */
    private record ToySets(NDManager manager) implements PhaseContext {
        @Override
        public LabeledBatch labeledSet() {
            return ToyData.labeled(manager);
        }

        @Override
        public NDArray unlabeledSet() {
            return ToyData.unlabeled(manager, false).clean();
        }

        @Override
        public Random random() {
            return new Random(0);
        }
    }
}
