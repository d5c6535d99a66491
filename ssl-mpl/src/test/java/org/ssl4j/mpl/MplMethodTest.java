package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

class MplMethodTest {

    @Test
    void aWaitingStudentLeavesTheTeacherToLearnItsLabeledLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.train(30, ToyData.RATIO), manager);
            MplConfig config =
                    new MplConfig(
                            new MplTeacherConfig(new MlpBackbone(8), new TestSgd(0.5f), null, null, null),
                            new MplStudentConfig(null, null, null, 1000L, null, null),
                            null,
                            null,
                            null);
            TrainingMethod method = config.create(context);
            Phase phase = method.phases().get(0);
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 30; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    StepResult result =
                            phase.step(
                                    TestStepContext.of(
                                            step,
                                            stepManager,
                                            ToyData.labeled(stepManager),
                                            ToyData.unlabeled(stepManager, true)));
                    float loss = result.losses().get(MetaTeacher.SUPERVISED).getFloat();
                    if (step == 0) {
                        first = loss;
                    }
                    last = loss;
                }
            }
            assertTrue(last < first * 0.5, "teacher loss " + first + " -> " + last);
        }
    }

    @Test
    void theFinetunePhaseStartsFromTheStudentAndChangesNothingButItsOwnNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.train(2, ToyData.RATIO), manager);
            MplConfig config =
                    new MplConfig(
                            new MplTeacherConfig(new MlpBackbone(8), new TestSgd(0.5f), null, null, null),
                            null,
                            null,
                            null,
                            new FinetuneConfig(3L, null, new TestSgd(0.5f), null));
            TrainingMethod method = config.create(context);
            List<Phase> phases = method.phases();
            assertEquals(List.of(MplMethod.PHASE, MplMethod.FINETUNE), phases.stream().map(Phase::name).toList());
            for (int step = 0; step < 2; step++) {
                run(phases.get(0), step, manager);
            }
            BlockNetwork teacher = context.network(MplMethod.TEACHER);
            BlockNetwork student = context.network(MplMethod.STUDENT);
            BlockNetwork finetuned = context.network(MplMethod.FINETUNED);
            assertSame(student, method.evaluated());
            List<float[]> teacherBefore = teacher.snapshot();
            List<float[]> studentBefore = student.snapshot();

            phases.get(1).begin(new NoData(manager));
            assertSame(finetuned, method.evaluated());
            assertParametersEqual(studentBefore, finetuned.snapshot());
            for (int step = 0; step < 3; step++) {
                run(phases.get(1), step, manager);
            }

            assertParametersEqual(teacherBefore, teacher.snapshot());
            assertParametersEqual(studentBefore, student.snapshot());
            assertFalse(
                    java.util.Arrays.equals(studentBefore.get(0), finetuned.snapshot().get(0)),
                    "the finetuned network must learn");
        }
    }

    private static void run(Phase phase, int step, NDManager manager) {
        try (NDManager stepManager = manager.newSubManager()) {
            boolean unlabeled = phase.batches().unlabeled() > 0;
            phase.step(
                    TestStepContext.of(
                            step,
                            stepManager,
                            ToyData.labeled(stepManager),
                            unlabeled ? ToyData.unlabeled(stepManager, true) : null));
        }
    }

    private static void assertParametersEqual(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
        }
    }

    /** A phase context for a phase that reads no data. */
    private record NoData(NDManager manager) implements PhaseContext {
        @Override
        public SslData data() {
            throw new UnsupportedOperationException("the finetune phase reads no data at its start");
        }

        @Override
        public Random random() {
            return new Random(0);
        }
    }
}
