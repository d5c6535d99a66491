package org.ssl4j.noisystudent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.ssl4j.api.method.Artifacts;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.nd.Scalars;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.steps.BasicPhase;
import org.ssl4j.steps.CrossEntropyStudent;
import org.ssl4j.steps.JointForward;
import org.ssl4j.steps.PseudoLabelFile;
import org.ssl4j.steps.PseudoLabelSet;
import org.ssl4j.steps.TeacherPredictions;
import org.ssl4j.steps.Updates;

/**
 * Noisy Student's round K, phase {@code round-K}.
 *
 * <p>{@link #begin}: the teacher (the network the phases before produced for round 1, round K-1's
 * student after) labels every unlabeled example as stored, in evaluation mode ({@link
 * PseudoLabeler}), {@link ClassBalancer} filters and balances the labels (or the round's set is
 * read from {@code readPseudoLabels}), and the set goes to the runtime as the artifact {@code
 * round-K.csv} ({@link PseudoLabelFile}), which a run writes to {@code pseudo-labels/round-K.csv}.
 *
 * <p>{@link #step}: the runtime gathers the unlabeled examples this phase picks from the
 * balanced set ({@link #unlabeledIndices}, copies included) and their strong view; the student
 * runs on the labeled batch (weak view) and the strong view in one forward pass in training
 * mode ({@link JointForward}: its dropout and stochastic depth on), and learns {@code
 * CE(labeled, smoothing) + unlabeledWeight * CE(pseudo-labelled)}.
 */
final class RoundPhase extends BasicPhase {

    private static final Logger LOG = System.getLogger("org.ssl4j.noisystudent");

    private final int round;
    private final Supplier<Network> teacher;
    private final Network student;
    private final NoisyStudentRoundsConfig config;
    private final int classes;
    private boolean passed;
    private PseudoLabelSet set;
    private PseudoLabelSampler sampler;
    private StateReader restored;

    /**
     * @param round K, from 1
     * @param teacher the network that labels, asked for when the round begins
     * @param student the network this round trains
     * @param config the rounds' settings
     * @param steps the round's steps
     * @param batches labeled and pseudo-labelled examples per step, with the strong view
     * @param classes the number of classes K the networks predict
     */
    RoundPhase(
            int round,
            Supplier<Network> teacher,
            Network student,
            NoisyStudentRoundsConfig config,
            long steps,
            BatchPlan batches,
            int classes) {
        super(name(round), steps, batches);
        this.classes = classes;
        this.round = round;
        this.teacher = teacher;
        this.student = student;
        this.config = config;
    }

    /**
     * @param round K
     * @return the phase's name, {@code round-K}
     */
    static String name(int round) {
        return "round-" + round;
    }

    /**
     * @param round K
     * @return the file name of the round's pseudo-label set, {@code round-K.csv}
     */
    static String fileName(int round) {
        return name(round) + ".csv";
    }

    /**
     * @return the round's pseudo-label set, once {@link #begin} has run
     * @throws IllegalStateException before
     */
    PseudoLabelSet pseudoLabels() {
        if (set == null) {
            throw new IllegalStateException(name() + " has not begun");
        }
        return set;
    }

    /**
     * @return the round's student once the round has begun or been passed, else null
     */
    @Override
    public Network result() {
        return set == null && !passed ? null : student;
    }

    /** A resumed run went past this round: its student, restored, is the result. */
    @Override
    public void passed() {
        passed = true;
    }

    /**
     * Labels (or reads), filters and balances the round's set and hands it to the runtime. Until
     * it returns the round has no {@link #result()}, also when it begins again, so that round 1's
     * teacher is what the phases before it produced.
     *
     * @param context the unlabeled examples, a phase-long manager, the phase's generator and
     *     where artifacts go
     * @throws UncheckedIOException when the set cannot be read
     * @throws IllegalStateException when no example survives the filter
     */
    @Override
    public void begin(PhaseContext context) {
        set = null;
        passed = false;
        sampler = null;
        Network labeler = teacher.get();
        NDArray pool = context.unlabeledSet();
        int size = Math.toIntExact(pool.getShape().get(0));
        PseudoLabelSet made;
        try {
            made =
                    config.readPseudoLabels() != null
                            ? PseudoLabelFile.read(config.readFile(round), size, classes)
                            : produce(labeler, context, size);
        } catch (IOException e) {
            throw new UncheckedIOException(name() + ": " + e.getMessage(), e);
        }
        context.artifacts()
                .write(
                        Artifacts.Kind.PSEUDO_LABELS,
                        fileName(round),
                        PseudoLabelFile.format(made, describe(labeler, perClass(size))));
        if (made.total() == 0) {
            throw new IllegalStateException(
                    name() + ": no unlabeled example reaches the confidence threshold "
                            + config.threshold());
        }
        LOG.log(
                Level.INFO,
                String.format(
                        "%s: the student trains on %d pseudo-labelled examples (copies counted) from %d"
                                + " distinct ones; per class %s",
                        name(),
                        made.total(),
                        Arrays.stream(made.copies()).filter(c -> c > 0).count(),
                        Arrays.toString(made.perClass())));
        sampler = new PseudoLabelSampler(made.expanded(), context.random());
        if (context.resumed() && restored != null) {
            sampler.restoreState(restored);
        }
        restored = null;
        set = made;
    }

    /**
     * Saves the sampler's pass (its order and position) once the round has begun: the set is
     * made again the same way when a resumed round begins, but the sampler has moved since.
     *
     * @param state where to write
     */
    @Override
    public void saveState(StateWriter state) {
        if (sampler != null) {
            sampler.saveState(state.under("sampler."));
        }
    }

    /**
     * Keeps the sampler's pass for {@link #begin} of a resumed round to continue it.
     *
     * @param state what {@link #saveState} wrote, if anything
     */
    @Override
    public void restoreState(StateReader state) {
        restored = state.contains("sampler.order") ? state.under("sampler.") : null;
    }

    private PseudoLabelSet produce(Network labeler, PhaseContext context, int size) {
        TeacherPredictions predictions =
                new PseudoLabeler(config.labelBatchSize(), config.temperature())
                        .label(labeler, context.unlabeledSet(), classes, context.manager(), name());
        int[] copies;
        if (config.balance()) {
            copies =
                    ClassBalancer.balance(
                                    predictions.labels(),
                                    predictions.confidences(),
                                    classes,
                                    perClass(size),
                                    config.threshold(),
                                    context.random())
                            .copies();
        } else {
            copies = ClassBalancer.filter(predictions.confidences(), config.threshold());
        }
        return new PseudoLabelSet(predictions, copies);
    }

    private int perClass(int size) {
        return config.perClass() == 0 ? Math.max(1, size / classes) : config.perClass();
    }

    private String describe(Network labeler, int perClass) {
        return String.format(
                "ssl4j pseudo-labels, %s: teacher '%s', %s, temperature %s, threshold %s, balance %s,"
                        + " perClass %d%s",
                name(),
                labeler.name(),
                config.targets(),
                config.temperature(),
                config.threshold(),
                config.balance(),
                perClass,
                config.readPseudoLabels() == null ? "" : ", read from " + config.readPseudoLabels());
    }

    /**
     * Picks the step's pseudo-labelled examples from the balanced set.
     *
     * @param count the pseudo-labelled batch size
     * @param random the step's generator, which reshuffles the set at the end of each pass
     * @return {@code count} unlabeled indices, copies drawn like distinct examples
     */
    @Override
    public long[] unlabeledIndices(int count, Random random) {
        if (sampler == null) {
            throw new IllegalStateException(name() + " has not begun");
        }
        return sampler.next(count, random);
    }

    /**
     * One update of the student.
     *
     * @param context the step; its unlabeled batch holds the examples {@link #unlabeledIndices}
     *     picked
     * @return the losses {@code supervised}, {@code unlabeled} (unweighted) and {@code loss}; the
     *     examples are the labeled plus the pseudo-labelled ones
     */
    @Override
    public StepResult step(StepContext context) {
        LabeledBatch labeled = context.labeled();
        UnlabeledBatch unlabeled = context.unlabeled();
        NDArray targets = targets(unlabeled.indices(), context.manager());
        float smoothing = config.labelSmoothing().floatValue();
        Map<String, NDArray> losses = new LinkedHashMap<>();
        try (GradientCollector collector = context.newGradientCollector()) {
            AuxiliaryInputs logits = JointForward.run(student, labeled, true, null, unlabeled.strong());
            NDArray supervised = Losses.crossEntropy(logits.labeledLogits(), labeled.labels(), smoothing).mean();
            NDArray pseudo =
                    config.labelKind() == LabelKind.SOFT
                            ? Losses.softCrossEntropy(logits.strongLogits(), targets).mean()
                            : Losses.crossEntropy(logits.strongLogits(), targets, smoothing).mean();
            NDArray loss = supervised.add(Scalars.times(pseudo, config.unlabeledWeight()));
            collector.backward(loss);
            losses.put(CrossEntropyStudent.SUPERVISED, supervised);
            losses.put(CrossEntropyStudent.UNLABELED, pseudo);
            losses.put(CrossEntropyStudent.LOSS, loss);
        }
        Updates.apply(student, null);
        return new StepResult(
                losses, labeled.inputs().getShape().get(0) + unlabeled.strong().getShape().get(0));
    }

    /**
     * @return soft: the {@code (U, K)} distributions of the examples; hard: their {@code (U)}
     *     int32 classes; in the step's manager
     */
    private NDArray targets(long[] indices, NDManager manager) {
        TeacherPredictions predictions = set.predictions();
        if (config.labelKind() == LabelKind.HARD) {
            int[] labels = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                labels[i] = predictions.labels()[(int) indices[i]];
            }
            return manager.create(labels);
        }
        float[] rows = new float[indices.length * classes];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(
                    predictions.distributions(), (int) indices[i] * classes, rows, i * classes, classes);
        }
        return manager.create(rows, new Shape(indices.length, classes));
    }
}
