package org.ssl4j.noisystudent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;

/**
 * Noisy Student: phase {@code round-0} trains the network {@code teacher} on labeled data, then
 * phases {@code round-1 .. round-K} each train a fresh network {@code student-K} ({@link
 * StudentPhase}) from the previous round's network's pseudo labels. The runtime evaluates at the
 * end of every phase, so each round's test accuracy is in the run's metrics under its phase's
 * name. {@link #evaluated()} is the network of the phase that began last: the final student at
 * the end.
 */
public final class NoisyStudentMethod implements TrainingMethod {

    /** The name of the round-0 network. */
    public static final String TEACHER = "teacher";

    private final List<Phase> phases = new ArrayList<>();
    private final AtomicReference<Network> evaluated;

    /**
     * Creates the round-0 teacher and one student per round, each trained for {@code
     * train.steps} steps.
     *
     * @param config the method's settings
     * @param context the data, budget and network factory
     * @throws InvalidConfigException when {@code train.unlabeledRatio} is 0, or a round's file is
     *     missing from {@code readPseudoLabels}
     */
    public NoisyStudentMethod(NoisyStudentConfig config, MethodContext context) {
        int unlabeled = context.train().unlabeledBatchSize();
        if (unlabeled == 0) {
            throw new InvalidConfigException(
                    "train.unlabeledRatio", "must be at least 1 for the noisy-student method, got 0");
        }
        if (config.readPseudoLabels() != null) {
            for (int round = 1; round <= config.rounds(); round++) {
                Path file = Path.of(config.readPseudoLabels()).resolve(StudentPhase.fileName(round));
                if (!Files.isRegularFile(file)) {
                    throw new InvalidConfigException(
                            "readPseudoLabels", "has no pseudo-label file " + file);
                }
            }
        }
        long steps = context.train().steps();
        int batchSize = context.train().batchSize();
        Network teacher = context.trainable(TEACHER, config.teacher(), config.optimizer(), steps);
        evaluated = new AtomicReference<>(teacher);
        phases.add(
                new TeacherPhase(
                        teacher, steps, batchSize, config.labelSmoothing().floatValue(), evaluated));
        BatchPlan batches = new BatchPlan(batchSize, unlabeled, true);
        Network previous = teacher;
        for (int round = 1; round <= config.rounds(); round++) {
            Network student =
                    context.trainable(
                            "student-" + round, config.student(round), config.optimizer(), steps);
            phases.add(
                    new StudentPhase(round, previous, student, config, steps, batches, evaluated));
            previous = student;
        }
    }

    /**
     * @return {@code round-0}, then one phase per student round
     */
    @Override
    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    /**
     * @return the network of the phase that began last (the teacher before any has)
     */
    @Override
    public Network evaluated() {
        return evaluated.get();
    }
}
