package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.role.TeacherContext;
import org.ssl4j.api.role.View;
import org.ssl4j.steps.CrossEntropyStudent;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.HardLabelStrategy;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

/**
 * The soft-exact phase's teacher gradient against a brute-force finite difference of the
 * one-step-lookahead objective {@code J(T) = L_l(theta - eta grad_theta L_u(theta, q(T)))} on a
 * tiny teacher and student.
 */
class SoftExactPhaseTest {

    private static final float TEACHER_LR = 0.5f;
    private static final float STUDENT_LR = 1.0f;
    private static final double DELTA = 1e-2;

    @Test
    void theTeacherGradientIsTheGradientOfTheStudentsLabeledLossAfterOneStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Pair withFeedback = networks(manager, 0);
            List<float[]> start = withFeedback.teacherNetwork().snapshot();
            String report = step(withFeedback, manager);
            Pair waiting = networks(manager, 1);
            step(waiting, manager);
            List<float[]> after = withFeedback.teacherNetwork().snapshot();
            List<float[]> supervisedOnly = waiting.teacherNetwork().snapshot();

            Pair probe = networks(manager, 0);
            List<float[]> studentStart = probe.studentNetwork().snapshot();
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, true);
            List<NDArray> teacherArrays = probe.teacherNetwork().arrays();
            double errorSquared = 0;
            double normSquared = 0;
            for (int p = 0; p < teacherArrays.size(); p++) {
                float[] values = start.get(p);
                for (int i = 0; i < values.length; i++) {
                    double plus = lookahead(probe, p, i, values, DELTA, studentStart, labeled, unlabeled);
                    double minus = lookahead(probe, p, i, values, -DELTA, studentStart, labeled, unlabeled);
                    double bruteForce = (plus - minus) / (2 * DELTA);
                    double implemented = (after.get(p)[i] - supervisedOnly.get(p)[i]) / -(double) TEACHER_LR;
                    errorSquared += (bruteForce - implemented) * (bruteForce - implemented);
                    normSquared += bruteForce * bruteForce;
                }
            }
            assertTrue(normSquared > 1e-8, "the check needs a non-zero gradient, got " + normSquared);
            double relative = Math.sqrt(errorSquared / normSquared);
            assertTrue(
                    relative < 0.05,
                    "relative error " + relative + " of |grad| " + Math.sqrt(normSquared) + "; step: " + report
                            + "; max change with feedback " + maxChange(start, after)
                            + ", without " + maxChange(start, supervisedOnly));
        }
    }

    private static double maxChange(List<float[]> from, List<float[]> to) {
        double max = 0;
        for (int p = 0; p < from.size(); p++) {
            for (int i = 0; i < from.get(p).length; i++) {
                max = Math.max(max, Math.abs(to.get(p)[i] - from.get(p)[i]));
            }
        }
        return max;
    }

    /** J with one teacher element moved: the student's labeled loss after one SGD step on q. */
    private static double lookahead(
            Pair pair,
            int parameter,
            int element,
            float[] values,
            double by,
            List<float[]> studentStart,
            LabeledBatch labeled,
            UnlabeledBatch unlabeled) {
        float[] moved = values.clone();
        moved[element] += (float) by;
        NDArray teacherParameter = pair.teacherNetwork().arrays().get(parameter);
        BlockNetwork.assign(teacherParameter, moved);
        try (NDManager scratch = labeled.inputs().getManager().newSubManager()) {
            NDArray strong = unlabeled.strong().duplicate();
            strong.attach(scratch);
            NDArray labels = pair.teacherNetwork().forward(strong, true).softmax(1);
            try (GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray loss = Losses.softCrossEntropy(pair.studentNetwork().forward(strong, true), labels).mean();
                collector.backward(loss);
            }
            pair.studentNetwork().update();
            NDArray inputs = labeled.inputs().duplicate();
            inputs.attach(scratch);
            double loss =
                    Losses.crossEntropy(pair.studentNetwork().forward(inputs, false), labeled.labels(), 0f)
                            .mean()
                            .getFloat();
            List<NDArray> studentArrays = pair.studentNetwork().arrays();
            for (int p = 0; p < studentArrays.size(); p++) {
                BlockNetwork.assign(studentArrays.get(p), studentStart.get(p));
            }
            BlockNetwork.assign(teacherParameter, values);
            return loss;
        }
    }

    /** One step; returns the step's scalar outputs, for failure messages. */
    private static String step(Pair pair, NDManager manager) {
        Phase phase =
                new SoftExactConfig("mpl", 1L, 1.0, 1e-3)
                        .create(new PhaseSetup(pair.context(), pair.teacher(), pair.student(), () -> null, "phases[0]"))
                        .get(0);
        try (NDManager step = manager.newSubManager()) {
            StepResult result =
                    phase.step(TestStepContext.of(0, step, ToyData.labeled(step), ToyData.unlabeled(step, true)));
            StringBuilder values = new StringBuilder();
            new java.util.TreeMap<>(result.losses())
                    .forEach((name, value) -> values.append(name).append('=').append(value.getFloat()).append(' '));
            return values.toString();
        }
    }

    /** A meta teacher and MPL's student (plain SGD), which waits {@code waitSteps} steps. */
    private static Pair networks(NDManager owner, long waitSteps) {
        TestMethodContext context =
                new TestMethodContext(ToyData.SPEC, ToyData.budget(1, ToyData.RATIO), owner.newSubManager());
        MetaTeacher teacher =
                new MetaTeacherConfig(new MlpBackbone(3), new TestSgd(TEACHER_LR), null, null, null, null, null, null)
                        .create(new TeacherContext(context, null, new HardLabelStrategy(0f)));
        CrossEntropyStudent student =
                CrossEntropyStudentConfig.builder(new MlpBackbone(4), new TestSgd(STUDENT_LR))
                        .view(View.STRONG)
                        .labeledLoss(false)
                        .measureFeedback(true)
                        .waitSteps(waitSteps)
                        .build()
                        .create(context);
        return new Pair(context, teacher, student);
    }

    private record Pair(TestMethodContext context, MetaTeacher teacher, CrossEntropyStudent student) {
        BlockNetwork teacherNetwork() {
            return context.network("teacher");
        }

        BlockNetwork studentNetwork() {
            return context.network("student");
        }
    }
}
