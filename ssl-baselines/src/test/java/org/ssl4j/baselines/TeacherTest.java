package org.ssl4j.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.HardLabelStrategy;
import org.ssl4j.api.role.TeacherContext;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

class TeacherTest {

    private static final PseudoLabelStrategy STRATEGY = new HardLabelStrategy(0f);

    @Test
    void selfTeacherLabelsWithTheStudentInEvaluationMode() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Setup setup = new Setup(manager);
            Teacher teacher = new SelfTeacherConfig().create(setup.teacherContext());
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, false);

            PseudoLabels labels = teacher.teach(setup.step(0, unlabeled));

            assertInstanceOf(SelfTeacher.class, teacher);
            NDArray logits = setup.student.forward(unlabeled.weak(), false);
            assertArrayEquals(
                    logits.argMax(1).toType(DataType.INT32, false).toIntArray(),
                    labels.targets().toIntArray());
            assertArrayEquals(
                    logits.softmax(1).max(new int[] {1}).toFloatArray(),
                    labels.confidence().toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void emaTeacherStartsAsACopyAndMovesTowardsTheStudent() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Setup setup = new Setup(manager);
            Teacher teacher = new EmaTeacherConfig(0.9).create(setup.teacherContext());
            BlockNetwork average = setup.context.network("teacher");
            assertSameValues(setup.student.snapshot(), average.snapshot());

            StudentFeedback feedback = setup.learn(0);
            List<float[]> old = average.snapshot();
            List<float[]> student = setup.student.snapshot();
            assertFalse(Arrays.equals(old.get(0), student.get(0)), "the student did not move");
            teacher.learn(feedback, setup.step(0));

            List<float[]> now = average.snapshot();
            for (int p = 0; p < now.size(); p++) {
                float[] expected = new float[now.get(p).length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = 0.9f * old.get(p)[i] + 0.1f * student.get(p)[i];
                }
                assertArrayEquals(expected, now.get(p), 1e-6f, "parameter " + p);
            }
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, false);
            assertArrayEquals(
                    STRATEGY.label(average.forward(unlabeled.weak(), false))
                            .confidence()
                            .toFloatArray(),
                    teacher.teach(setup.step(1, unlabeled)).confidence().toFloatArray());
        }
    }

    @Test
    void frozenTeacherRefreshesExactlyEveryNSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Setup setup = new Setup(manager);
            Teacher teacher = new FrozenTeacherConfig(3L).create(setup.teacherContext());
            BlockNetwork copy = setup.context.network("teacher");
            assertSameValues(setup.student.snapshot(), copy.snapshot());

            for (long step = 0; step < 6; step++) {
                List<float[]> before = copy.snapshot();
                StudentFeedback feedback = setup.learn(step);
                teacher.learn(feedback, setup.step(step));

                boolean refresh = step == 2 || step == 5;
                assertSameValues(refresh ? setup.student.snapshot() : before, copy.snapshot());
                assertEquals(
                        refresh,
                        Arrays.equals(setup.student.snapshot().get(0), copy.snapshot().get(0)),
                        "step " + step);
            }
        }
    }

    private static void assertSameValues(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int p = 0; p < expected.size(); p++) {
            assertArrayEquals(expected.get(p), actual.get(p), "parameter " + p);
        }
    }

    /** A student network with a labeled-only student role, in a test context. */
    private static final class Setup {

        final NDManager manager;
        final TestMethodContext context;
        final BlockNetwork student;
        final Student role;

        Setup(NDManager manager) {
            this.manager = manager;
            this.context =
                    new TestMethodContext(ToyData.SPEC, ToyData.budget(10, ToyData.RATIO), manager);
            this.role =
                    CrossEntropyStudentConfig.builder(new MlpBackbone(8), new TestSgd(0.2f))
                            .build()
                            .create(context);
            this.student = context.network("student");
        }

        TeacherContext teacherContext() {
            return new TeacherContext(context, role, STRATEGY);
        }

        StepContext step(long index) {
            return TestStepContext.of(index, manager, ToyData.labeled(manager), null);
        }

        StepContext step(long index, UnlabeledBatch unlabeled) {
            return TestStepContext.of(index, manager, ToyData.labeled(manager), unlabeled);
        }

        StudentFeedback learn(long index) {
            LabeledBatch labeled = ToyData.labeled(manager);
            StepContext context = TestStepContext.of(index, manager, labeled, null);
            return role.learn(null, context);
        }
    }
}
