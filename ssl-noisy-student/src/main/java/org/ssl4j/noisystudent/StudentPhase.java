package org.ssl4j.noisystudent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;

/**
 * Student round K, phase {@code round-K}.
 *
 * <p>{@link #begin}: the teacher (the previous round's network) labels every clean unlabeled
 * example in evaluation mode ({@link PseudoLabeler}), {@link ClassBalancer} filters and balances
 * the labels (or the round's set is read from {@code readPseudoLabels}), and the set is written
 * to {@code pseudo-labels/round-K.csv} in the run folder ({@link PseudoLabelFile}).
 *
 * <p>{@link #step}: the runtime gathers the unlabeled examples this phase picks from the
 * balanced set ({@link #unlabeledIndices}, copies included) and their strong view; the student
 * runs on the labeled batch (weak view) and the strong view in one forward pass in training
 * mode (its dropout and stochastic depth on), and learns {@code CE(labeled, smoothing) +
 * unlabeledWeight * CE(pseudo-labelled)}.
 */
final class StudentPhase implements Phase {

    private static final Logger LOG = System.getLogger("org.ssl4j.noisystudent");

    /** The folder of the pseudo-label files, inside the run folder. */
    static final String FOLDER = "pseudo-labels";

    private final int round;
    private final Network teacher;
    private final Network student;
    private final NoisyStudentConfig config;
    private final long steps;
    private final BatchPlan batches;
    private final AtomicReference<Network> evaluated;
    private PseudoLabelSet set;
    private PseudoLabelSampler sampler;

    /**
     * @param round K, from 1
     * @param teacher the network that labels (trained by the previous phase)
     * @param student the network this phase trains
     * @param config the method's settings
     * @param steps the phase's steps
     * @param batches labeled and pseudo-labelled examples per step, with the strong view
     * @param evaluated set to the student when the phase begins
     */
    StudentPhase(
            int round,
            Network teacher,
            Network student,
            NoisyStudentConfig config,
            long steps,
            BatchPlan batches,
            AtomicReference<Network> evaluated) {
        this.round = round;
        this.teacher = teacher;
        this.student = student;
        this.config = config;
        this.steps = steps;
        this.batches = batches;
        this.evaluated = evaluated;
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

    @Override
    public String name() {
        return name(round);
    }

    @Override
    public long steps() {
        return steps;
    }

    /**
     * @return the labeled batch and the pseudo-labelled batch, with the strong view
     */
    @Override
    public BatchPlan batches() {
        return batches;
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
     * Labels (or reads), filters, balances and writes the round's set, and makes the student
     * the evaluated network.
     *
     * @param context the data, a phase-long manager, the phase's generator and the run folder
     * @throws UncheckedIOException when the set cannot be read or written
     * @throws IllegalStateException when no example survives the filter
     */
    @Override
    public void begin(PhaseContext context) {
        evaluated.set(student);
        SslData data = context.data();
        int classes = data.spec().classes();
        int size = Math.toIntExact(data.unlabeled().size());
        try {
            if (config.readPseudoLabels() != null) {
                Path file = Path.of(config.readPseudoLabels()).resolve(fileName(round));
                set = PseudoLabelFile.read(file, size, classes);
            } else {
                set = produce(context, classes, size);
            }
            if (context.runFolder().isPresent()) {
                Path file = context.runFolder().get().resolve(FOLDER).resolve(fileName(round));
                PseudoLabelFile.write(set, file, describe(perClass(classes, size)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name() + ": " + e.getMessage(), e);
        }
        if (set.total() == 0) {
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
                        set.total(),
                        Arrays.stream(set.copies()).filter(c -> c > 0).count(),
                        Arrays.toString(set.perClass())));
        sampler = new PseudoLabelSampler(set.expanded(), context.random());
    }

    private PseudoLabelSet produce(PhaseContext context, int classes, int size) {
        PseudoLabeler labeler = new PseudoLabeler(config.labelBatchSize(), config.temperature());
        TeacherPredictions predictions =
                labeler.label(teacher, context.data().unlabeled(), classes, context.manager(), name());
        int[] copies;
        if (config.balance()) {
            copies =
                    ClassBalancer.balance(
                                    predictions.labels(),
                                    predictions.confidences(),
                                    classes,
                                    perClass(classes, size),
                                    config.threshold(),
                                    context.random())
                            .copies();
        } else {
            copies = ClassBalancer.filter(predictions.confidences(), config.threshold());
        }
        return new PseudoLabelSet(predictions, copies);
    }

    private int perClass(int classes, int size) {
        return config.perClass() == 0 ? Math.max(1, size / classes) : config.perClass();
    }

    private String describe(int perClass) {
        return String.format(
                "ssl4j pseudo-labels, %s: teacher '%s', %s, temperature %s, threshold %s, balance %s,"
                        + " perClass %d%s",
                name(),
                teacher.name(),
                config.pseudoLabels(),
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
     * @return the losses {@code supervised}, {@code pseudo} and {@code loss}; the examples are
     *     the labeled plus the pseudo-labelled ones
     */
    @Override
    public StepResult step(StepContext context) {
        LabeledBatch labeled = context.labeled();
        UnlabeledBatch unlabeled = context.unlabeled();
        long labeledCount = labeled.inputs().getShape().get(0);
        long unlabeledCount = unlabeled.strong().getShape().get(0);
        NDArray targets = targets(unlabeled.indices(), context.manager());
        float smoothing = config.labelSmoothing().floatValue();
        NDArray supervised;
        NDArray pseudo;
        NDArray loss;
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray inputs = NDArrays.concat(new NDList(labeled.inputs(), unlabeled.strong()));
            NDArray logits = student.forward(inputs, true);
            NDArray labeledLogits = logits.get("0:{}", labeledCount);
            NDArray pseudoLogits = logits.get("{}:", labeledCount);
            supervised = Losses.crossEntropy(labeledLogits, labeled.labels(), smoothing).mean();
            pseudo =
                    config.labelKind() == LabelKind.SOFT
                            ? Losses.softCrossEntropy(pseudoLogits, targets).mean()
                            : Losses.crossEntropy(pseudoLogits, targets, smoothing).mean();
            loss = supervised.add(pseudo.mul(config.unlabeledWeight().floatValue()));
            collector.backward(loss);
        }
        student.update();
        return new StepResult(
                Map.of("supervised", supervised, "pseudo", pseudo, "loss", loss),
                labeledCount + unlabeledCount);
    }

    /**
     * @return soft: the {@code (U, K)} distributions of the examples; hard: their {@code (U)}
     *     int32 classes; in the step's manager
     */
    private NDArray targets(long[] indices, NDManager manager) {
        TeacherPredictions predictions = set.predictions();
        int classes = predictions.classes();
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
