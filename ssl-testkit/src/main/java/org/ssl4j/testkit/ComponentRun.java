package org.ssl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/**
 * Runs one component as a training run would, for {@link #STEPS} steps on random data, each
 * step in a fresh sub-manager of a run-long manager that is closed when the step ends, and
 * records what the component computed (its fingerprint).
 *
 * <p>Ownership: after each step from the second on, the run-long manager and all its
 * sub-managers (networks' parameters and optimizer state, data, phase managers) must hold as
 * many arrays as after the first step (which may create state lazily, like momentum buffers).
 * An array of the step created in, or attached to, a long-lived manager fails the run.
 *
 * <p>What runs, by kind: a method's phases, after its {@linkplain MethodConfig#expand()
 * expansion} (at most {@link #STEPS} steps each, with the kit's {@link KitMethodContext}); a
 * phase's phases over the kit's student and a teacher that is the student; a teacher teaching
 * the kit's student ({@link KitStudentConfig}), which reports its labeled loss before and after
 * each update; a student learning from pseudo labels of random logits; a backbone or an
 * optimizer training a network; an auxiliary loss and its backward pass on random logits; a
 * pseudo-label strategy on random logits; an augmentation on a random batch (which it must not
 * change); a data source loading and serving batches; a schedule's first values.
 */
final class ComponentRun {

    /** Steps per run (and per phase of a method). */
    static final int STEPS = 3;

    private static final int BATCH = 4;
    private static final int UNLABELED = 8;

    private final ConfigSample sample;
    private final Object config;
    private final long seed;
    private final DataSpec spec;
    private final List<Double> fingerprint = new ArrayList<>();
    private int baseline;

    /**
     * @param sample the sample the config was read from, for its data and messages
     * @param config the config record
     * @param seed the engine's seed for the run
     */
    ComponentRun(ConfigSample sample, Object config, long seed) {
        this.sample = sample;
        this.config = config;
        this.seed = seed;
        this.spec = RandomBatches.spec(sample.exampleShape(), sample.classes());
    }

    /**
     * Seeds the engine, runs the component and checks ownership after every step.
     *
     * @return every value the component computed, in order
     * @throws AssertionError when a step leaves arrays behind or breaks a shape contract
     */
    List<Double> run() {
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager run = NDManager.newBaseManager()) {
            if (config instanceof MethodConfig method) {
                method(run, method);
            } else if (config instanceof PhaseConfig phase) {
                phase(run, phase);
            } else if (config instanceof TeacherConfig teacher) {
                teacher(run, teacher);
            } else if (config instanceof StudentConfig student) {
                student(run, student);
            } else if (config instanceof BackboneConfig backbone) {
                network(run, backbone, new SgdConfig(null));
            } else if (config instanceof OptimizerConfig optimizer) {
                network(run, new MlpBackboneConfig(null), optimizer);
            } else if (config instanceof AuxiliaryLossConfig loss) {
                auxiliaryLoss(run, loss.create(spec));
            } else if (config instanceof PseudoLabelStrategyConfig strategy) {
                strategy(run, strategy.create());
            } else if (config instanceof AugmentationConfig augmentation) {
                augmentation(run, augmentation.create(spec));
            } else if (config instanceof DataSourceConfig data) {
                dataSource(run, data);
            } else if (config instanceof ScheduleConfig schedule) {
                schedule(schedule);
            } else {
                throw new AssertionError("not a component config: " + config.getClass().getName());
            }
        }
        return fingerprint;
    }

    private Budget budget() {
        return new Budget(STEPS, BATCH, UNLABELED / BATCH);
    }

    private void method(NDManager run, MethodConfig config) {
        MethodConfig expanded = config.expand();
        assertEquals(expanded, expanded.expand(), "an expansion must expand to itself");
        KitMethodContext context = new KitMethodContext(spec, budget(), seed, run);
        TrainingMethod method = expanded.create(context);
        runPhases(run, method.phases());
        Network evaluated = method.evaluated();
        try (NDManager step = run.newSubManager()) {
            NDArray logits = evaluated.forward(RandomBatches.inputs(step, spec, BATCH), false);
            assertEquals(new Shape(BATCH, spec.classes()), logits.getShape(), "the evaluated network's logits");
            record(logits);
        }
    }

    /** A phase over the kit's student and a teacher that labels with the student's own network. */
    private void phase(NDManager run, PhaseConfig config) {
        KitMethodContext context = new KitMethodContext(spec, budget(), seed, run);
        Student student = new KitStudentConfig(null, null).create(context);
        Teacher self = new Teacher() {
            @Override
            public PseudoLabels teach(org.ssl4j.api.method.StepContext step) {
                return ARGMAX.label(student.network().forward(view().of(step.unlabeled()), false));
            }

            @Override
            public boolean needsFeedback() {
                return false;
            }
        };
        List<Phase> phases =
                config.create(new PhaseSetup(context, self, student, student::evaluated, "phases[0]"));
        runPhases(run, phases);
    }

    private void runPhases(NDManager run, List<Phase> phases) {
        assertFalse(phases == null || phases.isEmpty(), "a method has at least one phase");
        SslData data = RandomBatches.data(run.newSubManager(), spec);
        for (int p = 0; p < phases.size(); p++) {
            Phase phase = phases.get(p);
            long steps = Math.min(phase.steps(), STEPS);
            try (NDManager phaseManager = run.newSubManager()) {
                phase.begin(new KitPhaseContext(data, phaseManager, new Random(seed * 31 + p)));
                BatchPlan plan = phase.batches();
                for (int i = 0; i < steps; i++) {
                    try (NDManager step = run.newSubManager()) {
                        KitStepContext stepContext = new KitStepContext(
                                phase.name(),
                                i,
                                phase.steps(),
                                step,
                                RandomBatches.labeled(step, spec, plan.labeled()),
                                plan.unlabeled() == 0
                                        ? null
                                        : RandomBatches.unlabeled(step, spec, plan.unlabeled(), plan.strongView()),
                                new Random(seed * 1_000 + i));
                        StepResult result = phase.step(stepContext);
                        new TreeMap<>(result.losses()).forEach((name, loss) ->
                                record(scalar("loss '" + name + "' of phase '" + phase.name() + "'", loss)));
                    }
                    afterStep(run, i, "step " + i + " of phase '" + phase.name() + "'");
                }
            }
        }
    }

    /** Hard labels of the most likely class, every one kept. */
    private static final PseudoLabelStrategy ARGMAX = logits -> {
        NDArray probabilities = logits.stopGradient().softmax(1);
        return new PseudoLabels(
                PseudoLabels.Kind.HARD,
                probabilities.argMax(1).toType(DataType.INT32, false),
                probabilities.onesLike().get(":, 0"),
                probabilities.max(new int[] {1}));
    };

    private void teacher(NDManager run, TeacherConfig config) {
        KitMethodContext context = new KitMethodContext(spec, budget(), seed, run);
        Teacher teacher;
        Student student;
        if (config.ownsNetwork()) {
            teacher = config.create(new TeacherContext(context, null, ARGMAX));
            student = new KitStudentConfig(null, null).create(context);
        } else {
            student = new KitStudentConfig(null, null).create(context);
            teacher = config.create(new TeacherContext(context, student, ARGMAX));
        }
        for (int i = 0; i < STEPS; i++) {
            try (NDManager step = run.newSubManager()) {
                LabeledBatch labeled = RandomBatches.labeled(step, spec, BATCH);
                UnlabeledBatch unlabeled = RandomBatches.unlabeled(step, spec, UNLABELED, teacher.needsStrongView());
                KitStepContext stepContext =
                        new KitStepContext("train", i, STEPS, step, labeled, unlabeled, new Random(seed * 1_000 + i));
                PseudoLabels labels = teacher.teach(stepContext);
                assertEquals(UNLABELED, labels.targets().getShape().get(0), "pseudo labels per unlabeled example");
                record(labels.targets());
                StudentFeedback feedback = student.learn(labels, stepContext);
                record(scalar("the student's labeled loss", feedback.losses().get("labeled")));
                Map<String, NDArray> teacherLosses = teacher.learn(feedback, stepContext);
                assertNotNull(teacherLosses, "Teacher.learn returns a map (empty when it optimises nothing)");
                new TreeMap<>(teacherLosses).forEach((name, loss) -> record(scalar("the teacher's loss '" + name + "'", loss)));
            }
            afterStep(run, i, "step " + i);
        }
    }

    private void student(NDManager run, StudentConfig config) {
        KitMethodContext context = new KitMethodContext(spec, budget(), seed, run);
        Student student = config.create(context);
        assertNotNull(student.network(), "a student has a network");
        for (int i = 0; i < STEPS; i++) {
            try (NDManager step = run.newSubManager()) {
                LabeledBatch labeled = RandomBatches.labeled(step, spec, BATCH);
                UnlabeledBatch unlabeled =
                        RandomBatches.unlabeled(step, spec, UNLABELED, student.needsStrongView() || student.view() == org.ssl4j.api.role.View.STRONG);
                KitStepContext stepContext =
                        new KitStepContext("train", i, STEPS, step, labeled, unlabeled, new Random(seed * 1_000 + i));
                PseudoLabels labels = ARGMAX.label(step.randomNormal(new Shape(UNLABELED, spec.classes())));
                StudentFeedback feedback = student.learn(labels, stepContext);
                assertNotNull(feedback, "Student.learn returns feedback (StudentFeedback.NONE when it did not learn)");
                new TreeMap<>(feedback.losses()).forEach((name, loss) -> record(scalar("the student's loss '" + name + "'", loss)));
                if (student.measuresFeedback() && feedback != StudentFeedback.NONE) {
                    assertTrue(feedback.hasLabeledLoss(), "a student that measures feedback reports its labeled loss before and after");
                    record(scalar("the labeled loss before", feedback.labeledLossBefore()));
                    record(scalar("the labeled loss after", feedback.labeledLossAfter()));
                }
                NDArray logits = student.evaluated().forward(labeled.inputs(), false);
                assertEquals(new Shape(BATCH, spec.classes()), logits.getShape(), "the evaluated network's logits");
                record(logits);
            }
            afterStep(run, i, "step " + i);
        }
    }

    private void network(NDManager run, BackboneConfig backbone, OptimizerConfig optimizer) {
        KitMethodContext context = new KitMethodContext(spec, new Budget(STEPS, BATCH, 1), seed, run);
        Network network = context.trainable("network", backbone, optimizer, STEPS);
        for (int i = 0; i < STEPS; i++) {
            try (NDManager step = run.newSubManager()) {
                NDArray inputs = RandomBatches.inputs(step, spec, BATCH);
                NDArray labels = RandomBatches.labels(step, spec, BATCH);
                try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                    NDArray logits = network.forward(inputs, true);
                    assertEquals(new Shape(BATCH, spec.classes()), logits.getShape(), "logits of a training forward pass");
                    NDArray loss = Losses.crossEntropy(logits, labels, 0f).mean();
                    collector.backward(loss);
                    record(scalar("the cross-entropy", loss));
                }
                network.update();
                NDArray logits = network.forward(inputs, false);
                assertEquals(new Shape(BATCH, spec.classes()), logits.getShape(), "logits of an evaluation forward pass");
                record(logits);
            }
            afterStep(run, i, "step " + i);
        }
    }

    private void auxiliaryLoss(NDManager run, AuxiliaryLoss loss) {
        for (int i = 0; i < STEPS; i++) {
            try (NDManager step = run.newSubManager()) {
                LabeledBatch labeled = RandomBatches.labeled(step, spec, BATCH);
                UnlabeledBatch unlabeled = RandomBatches.unlabeled(step, spec, UNLABELED, true);
                NDArray labeledLogits = step.randomNormal(new Shape(BATCH, spec.classes()));
                NDArray weakLogits = step.randomNormal(new Shape(UNLABELED, spec.classes()));
                NDArray strongLogits = step.randomNormal(new Shape(UNLABELED, spec.classes()));
                List<NDArray> logits = List.of(labeledLogits, weakLogits, strongLogits);
                logits.forEach(array -> array.setRequiresGradient(true));
                KitStepContext context =
                        new KitStepContext("train", i, STEPS, step, labeled, unlabeled, new Random(seed * 1_000 + i));
                try (GradientCollector collector = context.newGradientCollector()) {
                    NDArray value = loss.compute(
                            new AuxiliaryInputs(labeled, labeledLogits, weakLogits, strongLogits), context);
                    record(scalar("auxiliary loss '" + loss.name() + "'", value));
                    if (value.hasGradient()) {
                        collector.backward(value);
                    }
                }
                for (NDArray array : logits) {
                    try (NDArray gradient = array.getGradient()) {
                        record(gradient);
                    }
                }
            }
            afterStep(run, i, "step " + i);
        }
    }

    private void strategy(NDManager run, PseudoLabelStrategy strategy) {
        for (int i = 0; i < STEPS; i++) {
            try (NDManager step = run.newSubManager()) {
                PseudoLabels labels = strategy.label(step.randomNormal(new Shape(UNLABELED, spec.classes())));
                assertEquals(UNLABELED, labels.targets().getShape().get(0), "pseudo labels per example");
                assertEquals(new Shape(UNLABELED), labels.mask().getShape(), "the mask's shape");
                assertEquals(new Shape(UNLABELED), labels.confidence().getShape(), "the confidence's shape");
                record(labels.targets());
                record(labels.mask());
                record(labels.confidence());
            }
            afterStep(run, i, "step " + i);
        }
    }

    private void augmentation(NDManager run, Augmentation augmentation) {
        for (int i = 0; i < STEPS; i++) {
            try (NDManager step = run.newSubManager()) {
                NDArray batch = RandomBatches.inputs(step, spec, UNLABELED);
                float[] original = batch.toFloatArray();
                NDArray view = augmentation.apply(batch, new Random(seed * 1_000 + i));
                assertEquals(batch.getShape(), view.getShape(), "the view's shape");
                assertArrayEquals(original, batch.toFloatArray(), "the augmentation changed its input batch");
                record(view);
            }
            afterStep(run, i, "step " + i);
        }
    }

    private void dataSource(NDManager run, DataSourceConfig config) {
        SslData data;
        try {
            data = config.load(new DataContext(seed, run.newSubManager()));
        } catch (IOException e) {
            throw new AssertionError("the sample's data cannot be read: " + e.getMessage(), e);
        }
        fingerprint.add((double) data.spec().classes());
        for (int i = 0; i < STEPS; i++) {
            try (NDManager step = run.newSubManager()) {
                for (ArrayDataset split : List.of(data.labeled(), data.unlabeled(), data.test())) {
                    fingerprint.add((double) split.size());
                    long[] indices = {i % split.size(), (i + 1) % split.size()};
                    Batch batch = split.getByIndices(step, indices);
                    batch.getData().forEach(this::record);
                    batch.getLabels().forEach(this::record);
                }
            }
            afterStep(run, i, "step " + i);
        }
    }

    private void schedule(ScheduleConfig config) {
        Tracker tracker = config.create(0.1f, 10);
        for (int update = 0; update < 10; update++) {
            float value = tracker.getNewValue(update);
            int at = update;
            assertTrue(Float.isFinite(value) && value >= 0, () -> "learning rate at update " + at + ": " + value);
            fingerprint.add((double) value);
        }
    }

    /** Checks that a loss is one finite value and returns it. */
    private static NDArray scalar(String what, NDArray value) {
        assertEquals(1, value.size(), () -> what + " must be a scalar, got shape " + value.getShape());
        float number = value.toType(DataType.FLOAT32, false).toFloatArray()[0];
        assertTrue(Float.isFinite(number), () -> what + " is not finite: " + number);
        return value;
    }

    private void record(NDArray array) {
        for (float value : array.toType(DataType.FLOAT32, false).toFloatArray()) {
            fingerprint.add((double) value);
        }
    }

    private void afterStep(NDManager run, int step, String what) {
        int arrays = run.getManagedArrays().size();
        if (step == 0) {
            baseline = arrays;
            return;
        }
        assertEquals(
                baseline,
                arrays,
                () -> sample + ": after " + what + " the long-lived managers hold " + arrays
                        + " arrays, " + (arrays - baseline) + " more than after the first step. An array"
                        + " computed in the step was left in a manager that outlives it: ops on a"
                        + " parameter put their result in the parameter's manager, getGradient()"
                        + " returns a new array to close, and nothing may attach a step's array"
                        + " to a longer-lived manager.");
    }
}
