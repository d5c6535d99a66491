package org.ssl4j.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.ToyData;

class TeacherStudentMethodTest {

    private static final CrossEntropyStudentConfig STUDENT =
            CrossEntropyStudentConfig.builder(new MlpBackbone(8), new TestSgd(0.1f)).build();

    @Test
    void aPassedFinetuneIsEvaluatedAfterAResume() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(4, 0), manager);
            TrainingMethod method =
                    new TeacherStudentConfig(
                                    null,
                                    STUDENT,
                                    null,
                                    List.of(
                                            TeachAndLearnConfig.DEFAULT,
                                            new FinetuneConfig(null, 2L, null, new TestSgd(0.1f), null),
                                            TeachAndLearnConfig.named("after")))
                            .create(context);

            assertEquals(List.of("train", "finetune", "after"), method.phases().stream().map(p -> p.name()).toList());
            assertSame(context.network("student"), method.evaluated());
            method.phases().get(0).passed();
            method.phases().get(1).passed();
            assertSame(context.network(FinetuneConfig.NETWORK), method.evaluated(), "a resume past the finetune");
        }
    }

    @Test
    void aTeacherThatNeedsFeedbackNamesBothRoles() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(4, 2), manager);
            TeacherConfig demanding =
                    new TeacherConfig() {
                        @Override
                        public Teacher create(org.ssl4j.api.role.TeacherContext teacherContext) {
                            return new Teacher() {
                                @Override
                                public org.ssl4j.api.role.PseudoLabels teach(org.ssl4j.api.method.StepContext step) {
                                    throw new AssertionError("not reached");
                                }

                                @Override
                                public boolean needsFeedback() {
                                    return true;
                                }
                            };
                        }
                    };
            InvalidConfigException error =
                    assertThrows(
                            InvalidConfigException.class,
                            () -> new TeacherStudentConfig(demanding, STUDENT, null, null).create(context));
            assertEquals("student", error.field());
            assertTrue(error.problem().contains("does not measure it; set student.measureFeedback: true"), error.problem());
        }
    }
}
