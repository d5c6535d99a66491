package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;

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
}
