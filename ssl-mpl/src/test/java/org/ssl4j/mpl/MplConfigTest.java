package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.View;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.HardLabelStrategy;
import org.ssl4j.steps.HardLabelsConfig;
import org.ssl4j.steps.TeachAndLearnConfig;
import org.ssl4j.steps.TeacherStudentConfig;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

/** The {@code mpl} preset: its expansion, its steps, its finetune phase and its refusals. */
class MplConfigTest {

    private static final MplTeacherConfig TEACHER =
            new MplTeacherConfig(new MlpBackbone(8), new TestSgd(0.5f), null, null, null);

    @Test
    void itExpandsToTheMetaTeacherAndAStudentOfPseudoLabelsOnlyThatMeasuresItsFeedback() {
        MplConfig config =
                new MplConfig(
                        TEACHER,
                        new MplStudentConfig(null, null, 0.1, 5L, 0.99, 2.0),
                        null,
                        new FeedbackConfig(null, 0.01, null, null),
                        new MplConfig.Finetune(3L, null, new TestSgd(0.5f), null));
        TeacherStudentConfig expanded = config.expand();
        MetaTeacherConfig teacher = assertInstanceOf(MetaTeacherConfig.class, expanded.teacher());
        assertEquals(0.01, teacher.feedback().baselineRate());
        assertSame(TEACHER.backbone(), teacher.backbone());
        CrossEntropyStudentConfig student = assertInstanceOf(CrossEntropyStudentConfig.class, expanded.student());
        assertSame(TEACHER.backbone(), student.backbone(), "the student's backbone defaults to the teacher's");
        assertSame(TEACHER.optimizer(), student.optimizer());
        assertEquals(View.STRONG, student.studentView());
        assertFalse(student.labeledLoss());
        assertTrue(student.measureFeedback());
        assertEquals(List.of(0.1, 5L, 0.99, 2.0), List.of(student.labelSmoothing(), student.waitSteps(), student.ema(), student.maxGradNorm()));
        assertEquals(new HardLabelsConfig(0.0), expanded.pseudoLabels(), "argmax, nothing masked");
        assertEquals(List.of(TeachAndLearnConfig.named("mpl"), config.finetune().phase()), expanded.phases());
        assertEquals(expanded, expanded.expand());

        TeacherStudentConfig soft =
                new MplConfig(TEACHER, null, null, new FeedbackConfig("soft-exact", null, 0.5, 1e-4), null).expand();
        assertEquals(List.of(new SoftExactConfig("mpl", null, 0.5, 1e-4)), soft.phases());
    }

    /** The default strategy is the old argmax rule, bit for bit: same classes, nothing masked, same loss. */
    @Test
    void theDefaultHardLabelsAreTheArgmaxWithNothingMasked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            NDArray logits = manager.randomNormal(new Shape(64, 5));
            NDArray student = manager.randomNormal(new Shape(64, 5));
            PseudoLabels labels = new HardLabelStrategy(0f).label(logits);
            assertArrayEquals(
                    logits.argMax(1).toType(DataType.INT32, false).toIntArray(), labels.targets().toIntArray());
            assertEquals(64f, labels.mask().sum().getFloat());
            assertEquals(
                    Losses.crossEntropy(student, logits.argMax(1), 0.1f).mean().getFloat(),
                    labels.loss(student, 0.1f).getFloat());
        }
    }

    @Test
    void aWaitingStudentLeavesTheTeacherToLearnItsLabeledLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(30, ToyData.RATIO), manager);
            MplConfig config = new MplConfig(TEACHER, new MplStudentConfig(null, null, null, 1000L, null, null), null, null, null);
            Phase phase = config.create(context).phases().get(0);
            List<float[]> student = context.network("student").snapshot();
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 30; step++) {
                StepResult result = run(phase, step, manager);
                float loss = result.losses().get(MetaTeacher.SUPERVISED).getFloat();
                first = step == 0 ? loss : first;
                last = loss;
                assertFalse(result.losses().containsKey(MetaTeacher.FEEDBACK), "no feedback while the student waits");
            }
            assertTrue(last < first * 0.5, "teacher loss " + first + " -> " + last);
            assertParametersEqual(student, context.network("student").snapshot());
        }
    }

    @Test
    void aStepReportsTheTeachersAndTheStudentsTermsUnderTheirNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(1, ToyData.RATIO), manager);
            Phase phase = new MplConfig(TEACHER, null, null, null, null).create(context).phases().get(0);
            try (NDManager step = manager.newSubManager()) {
                StepResult result =
                        phase.step(TestStepContext.of(0, step, ToyData.labeled(step), ToyData.unlabeled(step, true)));
                assertEquals(
                        List.of("feedback", "feedbackGradientNorm", "labeledAfter", "labeledBefore", "loss", "maskRate",
                                "teacherLoss", "teacherSupervised", "teacherUnlabeled", "unlabeled"),
                        result.losses().keySet().stream().sorted().toList());
                float h = result.losses().get("labeledBefore").getFloat() - result.losses().get("labeledAfter").getFloat();
                assertEquals(h, result.losses().get(MetaTeacher.FEEDBACK).getFloat(), 1e-6f);
                // the gradient of h * mean_i CE(s_i, y_i) at the strong logits s is h / U * (softmax(s) - onehot(y)),
                // whose norm lies in (0, |h| * sqrt(2 / U)] (each row's norm is below sqrt(2))
                float norm = result.losses().get(MetaTeacher.FEEDBACK_GRADIENT_NORM).getFloat();
                long u = ToyData.unlabeled(step, true).strong().getShape().get(0);
                assertTrue(norm > 0 && norm <= Math.abs(h) * Math.sqrt(2.0 / u) * 1.0001, norm + " for h " + h);
            }
        }
    }

    @Test
    void theFinetunePhaseStartsFromTheStudentAndChangesNothingButItsOwnNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(2, ToyData.RATIO), manager);
            MplConfig config =
                    new MplConfig(TEACHER, null, null, null, new MplConfig.Finetune(3L, null, new TestSgd(0.5f), null));
            TrainingMethod method = config.create(context);
            List<Phase> phases = method.phases();
            assertEquals(List.of("mpl", "finetune"), phases.stream().map(Phase::name).toList());
            for (int step = 0; step < 2; step++) {
                run(phases.get(0), step, manager);
            }
            BlockNetwork teacher = context.network("teacher");
            BlockNetwork student = context.network("student");
            BlockNetwork finetuned = context.network("student-finetuned");
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

    @Test
    void aMetaTeacherWithAStudentThatDoesNotMeasureFeedbackIsRefusedNamingBoth() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TeacherStudentConfig composition =
                    new TeacherStudentConfig(
                            new MetaTeacherConfig(new MlpBackbone(4), new TestSgd(0.5f), null, null, null, null, null, null),
                            CrossEntropyStudentConfig.builder(new MlpBackbone(4), new TestSgd(0.5f)).build(),
                            null,
                            null);
            MethodContext context =
                    new Registered(new TestMethodContext(ToyData.SPEC, ToyData.budget(1, ToyData.RATIO), manager));
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> composition.create(context));
            assertEquals("student", e.field());
            assertTrue(e.problem().contains("'meta'") && e.problem().contains("'cross-entropy'"), e.problem());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirField() {
        assertEquals(
                "pseudoLabels",
                assertThrows(
                                InvalidConfigException.class,
                                () -> new MplConfig(TEACHER, null, new HardLabelsConfig(null), new FeedbackConfig("soft-exact", null, null, null), null))
                        .field());
        assertEquals("teacher", assertThrows(InvalidConfigException.class, () -> new MplConfig(null, null, null, null, null)).field());
        assertEquals(
                "variant",
                assertThrows(InvalidConfigException.class, () -> new FeedbackConfig("soft", null, null, null)).field());
        assertEquals(
                "baselineRate",
                assertThrows(InvalidConfigException.class, () -> new FeedbackConfig(null, 1.5, null, null)).field());
        assertEquals(
                "ema", assertThrows(InvalidConfigException.class, () -> new MplStudentConfig(null, null, null, null, 1.0, null)).field());
    }

    private static StepResult run(Phase phase, int step, NDManager manager) {
        try (NDManager stepManager = manager.newSubManager()) {
            boolean unlabeled = phase.batches().unlabeled() > 0;
            StepResult result =
                    phase.step(
                            TestStepContext.of(
                                    step,
                                    stepManager,
                                    ToyData.labeled(stepManager),
                                    unlabeled ? ToyData.unlabeled(stepManager, true) : null));
            result.losses().values().forEach(value -> value.attach(manager));
            return result;
        }
    }

    static void assertParametersEqual(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
        }
    }

    /** A phase context for a phase that reads no data. */
    private record NoData(NDManager manager) implements PhaseContext {
        @Override
        public LabeledBatch labeledSet() {
            throw new UnsupportedOperationException("the finetune phase reads no data at its start");
        }

        @Override
        public NDArray unlabeledSet() {
            throw new UnsupportedOperationException("the finetune phase reads no data at its start");
        }

        @Override
        public Random random() {
            return new Random(0);
        }
    }

    /** The test context, naming component configs as the plugins on the class path register them. */
    record Registered(TestMethodContext context) implements MethodContext {
        @Override
        public DataSpec data() {
            return context.data();
        }

        @Override
        public Budget budget() {
            return context.budget();
        }

        @Override
        public long seed() {
            return context.seed();
        }

        @Override
        public Network trainable(String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps) {
            return context.trainable(name, backbone, optimizer, totalSteps);
        }

        @Override
        public Network frozen(String name, BackboneConfig backbone) {
            return context.frozen(name, backbone);
        }

        @Override
        public String nameOf(Object config) {
            return ServiceLoader.load(Ssl4jPlugin.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .flatMap(plugin -> Stream.of(plugin.teachers(), plugin.students()).flatMap(List::stream))
                    .filter(component -> component.configType() == config.getClass())
                    .map(Component::name)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
