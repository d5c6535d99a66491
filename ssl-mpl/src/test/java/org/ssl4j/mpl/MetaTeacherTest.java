package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.View;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.HardLabelStrategy;
import org.ssl4j.steps.JointForward;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

/**
 * The hard feedback rule: its sign (labels that helped the student become more likely), the
 * teacher's gradient of the feedback term against a finite-difference check, and the moving
 * baseline with its checkpoint.
 */
class MetaTeacherTest {

    private static final float TEACHER_LR = 0.5f;

    @Test
    void labelsThatHelpedTheStudentBecomeMoreLikelyAndLabelsThatHurtLessLikely() {
        double helped = probabilityOfLabelsAfterOneStep(+0.5);
        double neutral = probabilityOfLabelsAfterOneStep(0.0);
        double hurt = probabilityOfLabelsAfterOneStep(-0.5);
        assertTrue(helped > neutral, helped + " vs " + neutral);
        assertTrue(hurt < neutral, hurt + " vs " + neutral);
    }

    @Test
    void aStudentLearningCorrectLabelsReportsPositiveFeedbackAndWrongLabelsNegative() {
        assertTrue(feedbackOfStudentStep(false) > 0, "correct labels must lower the labeled loss");
        assertTrue(feedbackOfStudentStep(true) < 0, "wrong labels must raise the labeled loss");
    }

    @Test
    void theTeacherGradientOfTheFeedbackTermMatchesFiniteDifferences() {
        double h = 0.8;
        try (NDManager manager = NDManager.newBaseManager()) {
            // the update with feedback minus the update without is -lr * h * grad CE(strong, labels)
            List<float[]> withFeedback = teacherAfterStep(manager, h).after();
            Stepped without = teacherAfterStep(manager, 0.0);
            // a probe at the common starting point, for the finite differences
            List<float[]> start = without.initial();
            BlockNetwork probe = without.teacher();
            List<NDArray> arrays = probe.arrays();
            for (int p = 0; p < arrays.size(); p++) {
                setParameter(arrays.get(p), start.get(p));
            }
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager.newSubManager(), true);
            NDArray labels = probe.forward(unlabeled.strong(), true).argMax(1);
            double delta = 1e-2;
            double errorSquared = 0;
            double normSquared = 0;
            for (int p = 0; p < arrays.size(); p++) {
                float[] values = start.get(p);
                for (int i = 0; i < values.length; i++) {
                    double plus = feedbackTerm(probe, p, i, values, (float) delta, unlabeled, labels, h);
                    double minus = feedbackTerm(probe, p, i, values, (float) -delta, unlabeled, labels, h);
                    double numeric = (plus - minus) / (2 * delta);
                    double implemented =
                            (withFeedback.get(p)[i] - without.after().get(p)[i]) / -(double) TEACHER_LR;
                    errorSquared += (numeric - implemented) * (numeric - implemented);
                    normSquared += numeric * numeric;
                }
            }
            assertTrue(normSquared > 1e-6, "the check needs a non-zero gradient");
            assertTrue(
                    Math.sqrt(errorSquared / normSquared) < 0.02,
                    "relative error " + Math.sqrt(errorSquared / normSquared));
        }
    }

    /** h * CE(teacher(strong), labels) with one parameter element moved by {@code by}. */
    private static double feedbackTerm(
            BlockNetwork teacher,
            int parameter,
            int element,
            float[] values,
            float by,
            UnlabeledBatch unlabeled,
            NDArray labels,
            double h) {
        float[] moved = values.clone();
        moved[element] += by;
        setParameter(teacher.arrays().get(parameter), moved);
        try (NDManager scratch = unlabeled.strong().getManager().newSubManager()) {
            NDArray strong = unlabeled.strong().duplicate();
            strong.attach(scratch);
            NDArray logits = teacher.forward(strong, true);
            double loss = Losses.crossEntropy(logits, labels, 0f).mean().getFloat();
            setParameter(teacher.arrays().get(parameter), values);
            return h * loss;
        }
    }

    private static void setParameter(NDArray array, float[] values) {
        BlockNetwork.assign(array, values);
    }

    /** The teacher's parameters before and after one learn() with feedback h (null: none). */
    private static Stepped teacherAfterStep(NDManager owner, Double h) {
        NDManager manager = owner.newSubManager();
        BlockNetwork network = network(manager);
        MetaTeacher teacher = teacher(network, 0);
        List<float[]> initial = network.snapshot();
        learn(teacher, h, manager);
        return new Stepped(network, initial, network.snapshot());
    }

    private static BlockNetwork network(NDManager manager) {
        TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.budget(1, ToyData.RATIO), manager);
        return (BlockNetwork) context.trainable("teacher", new MlpBackbone(4), new TestSgd(TEACHER_LR), 1);
    }

    private static MetaTeacher teacher(BlockNetwork network, double baselineRate) {
        return new MetaTeacher(
                network,
                step -> JointForward.recorded(network, step, null, step.unlabeled().strong()),
                new HardLabelStrategy(0f),
                List.of(),
                0f,
                baselineRate,
                null,
                null);
    }

    /** One teach() and learn() with feedback h (null: none); returns the teacher's loss terms. */
    private static Map<String, Float> learn(MetaTeacher teacher, Double h, NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            TestStepContext context = TestStepContext.of(0, step, ToyData.labeled(step), ToyData.unlabeled(step, true));
            teacher.teach(context);
            StudentFeedback feedback =
                    h == null
                            ? StudentFeedback.NONE
                            : new StudentFeedback(Map.of(), step.create(1f + h.floatValue()), step.create(1f));
            Map<String, Float> values = new java.util.TreeMap<>();
            teacher.learn(feedback, context).forEach((name, value) -> values.put(name, value.getFloat()));
            return values;
        }
    }

    @Test
    void theBaselineIsSubtractedFromTheNextStepsFeedbackAndSurvivesACheckpoint() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaTeacher teacher = teacher(network(manager), 0.5);
            Map<String, Float> first = learn(teacher, 1.0, manager);
            assertEquals(1.0, first.get(MetaTeacher.FEEDBACK), 1e-6, "feedback is before - after");
            Memory saved = new Memory(new java.util.HashMap<>());
            teacher.saveState(saved.writer());
            assertEquals(0.5, saved.reader().getDouble("feedbackBaseline"), "b <- 0 + 0.5 (1 - 0)");

            // h - b = 0.5 - 0.5 = 0: the step is the one without feedback, though h is reported
            MetaTeacher restored = teacher(network(manager.newSubManager()), 0.5);
            restored.restoreState(saved.reader());
            Map<String, Float> second = learn(restored, 0.5, manager);
            assertEquals(0.5, second.get(MetaTeacher.FEEDBACK), 1e-6);
            MetaTeacher unsaved = teacher(network(manager.newSubManager()), 0.5);
            learn(unsaved, null, manager);
            List<float[]> withBaseline = ((BlockNetwork) restored.network()).snapshot();
            List<float[]> withoutFeedback = ((BlockNetwork) unsaved.network()).snapshot();
            for (int p = 0; p < withBaseline.size(); p++) {
                assertArrayEquals(withoutFeedback.get(p), withBaseline.get(p), 1e-6f, "parameter " + p);
            }
        }
    }

    /** A checkpoint part in memory: what a writer puts, a reader gives back. */
    private record Memory(Map<String, byte[]> values) {
        StateWriter writer() {
            return new StateWriter() {
                @Override
                public void putArray(String key, NDArray value) {
                    throw new UnsupportedOperationException(key);
                }

                @Override
                public void putBytes(String key, byte[] value) {
                    values.put(key, value);
                }
            };
        }

        StateReader reader() {
            return new StateReader() {
                @Override
                public boolean contains(String key) {
                    return values.containsKey(key);
                }

                @Override
                public NDArray getArray(String key, NDManager manager) {
                    throw new UnsupportedOperationException(key);
                }

                @Override
                public byte[] getBytes(String key) {
                    return values.get(key);
                }
            };
        }
    }

    private record Stepped(BlockNetwork teacher, List<float[]> initial, List<float[]> after) {}

    /**
     * Mean probability the teacher gives to its own argmax labels on the strong view after one
     * learn() with feedback {@code h}, measured on the same batch.
     */
    private static double probabilityOfLabelsAfterOneStep(double h) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Stepped stepped = teacherAfterStep(manager, h);
            BlockNetwork before = stepped.teacher();
            List<NDArray> arrays = before.arrays();
            for (int p = 0; p < arrays.size(); p++) {
                setParameter(arrays.get(p), stepped.initial().get(p));
            }
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, true);
            NDArray labels = before.forward(unlabeled.strong(), true).argMax(1);
            for (int p = 0; p < arrays.size(); p++) {
                setParameter(arrays.get(p), stepped.after().get(p));
            }
            NDArray probabilities = before.forward(unlabeled.strong(), true).softmax(1);
            NDArray picked =
                    probabilities.mul(Losses.targets(labels, ToyData.SPEC.classes(), 0f)).sum(new int[] {1});
            return picked.mean().getFloat();
        }
    }

    /** h = before - after of a real student step on correct (or flipped) labels of the weak view. */
    private static double feedbackOfStudentStep(boolean flipped) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext context =
                    new TestMethodContext(ToyData.SPEC, ToyData.budget(1, ToyData.RATIO), manager);
            // MPL's student, on the weak view here: pseudo labels only, feedback measured
            var student =
                    CrossEntropyStudentConfig.builder(new MlpBackbone(8), new TestSgd(0.5f))
                            .view(View.WEAK)
                            .labeledLoss(false)
                            .measureFeedback(true)
                            .build()
                            .create(context);
            LabeledBatch labeled = ToyData.labeled(manager);
            UnlabeledBatch unlabeled = ToyData.unlabeled(manager, true);
            int count = (int) unlabeled.weak().getShape().get(0);
            int[] truth = new int[count];
            for (int i = 0; i < count; i++) {
                truth[i] = ((i / 3) % 2) ^ (flipped ? 1 : 0);
            }
            NDArray targets = manager.create(truth);
            PseudoLabels labels =
                    new PseudoLabels(
                            PseudoLabels.Kind.HARD,
                            targets,
                            manager.ones(targets.getShape()),
                            manager.ones(targets.getShape()));
            StudentFeedback feedback = student.learn(labels, TestStepContext.of(0, manager, labeled, unlabeled));
            return feedback.labeledLossBefore().getFloat() - feedback.labeledLossAfter().getFloat();
        }
    }
}
