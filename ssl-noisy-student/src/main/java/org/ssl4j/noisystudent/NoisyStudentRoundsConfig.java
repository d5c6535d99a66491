package org.ssl4j.noisystudent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.steps.PseudoLabelFile;

/**
 * Config of the {@code noisy-student} phase type: Noisy Student's rounds (Xie et al. 2020), one
 * phase {@code round-K} each ({@link RoundPhase}). Round 1's teacher is the network the phases
 * before produced (a {@code teach-and-learn} phase of a student alone, as the {@code
 * noisy-student} preset, or any other composition, such as MPL); round K's teacher is round K-1's
 * student. Each round labels the whole unlabeled pool with its teacher, filters and balances the
 * labels, and trains a fresh network {@code student-K} on labeled plus pseudo-labelled data under
 * noise (the strong view of the pseudo-labelled examples and the backbone's own dropout and
 * stochastic depth).
 *
 * <pre>{@code
 * phases:
 *   - {type: teach-and-learn, name: round-0}
 *   - {type: noisy-student, rounds: 3, optimizer: {type: sgd, lr: 0.05}, targets: hard}
 * }</pre>
 *
 * @param rounds the number of rounds K, in [1, 100]; default 3
 * @param steps each round's steps, {@code >= 1}; default {@code train.steps}
 * @param students the students' architectures: empty (default) for the composition's student's
 *     backbone in every round, one for every round, or one per round (equal or larger, as the
 *     paper)
 * @param optimizer every student's optimizer and schedule (each student its own), required
 * @param targets what the student learns: {@code soft} (default: {@code softmax(z /
 *     temperature)}) or {@code hard} (the argmax, with {@code labelSmoothing})
 * @param temperature T of the soft targets, positive; default 1
 * @param threshold the confidence floor: examples whose teacher confidence is below it are
 *     dropped, and no class threshold goes below it; in [0, 1], default 0.3
 * @param balance whether to balance classes to {@code perClass} (default true); false keeps every
 *     example at or above the threshold once
 * @param perClass the balanced count per class, at least 0; default 0, meaning the unlabeled
 *     pool's size divided by the number of classes
 * @param unlabeledWeight the weight ("ratio") of the pseudo-label cross-entropy, at least 0;
 *     default 1
 * @param labelSmoothing label smoothing of the labeled cross-entropy (and of hard targets), in [0,
 *     1); default 0.1
 * @param labelBatchSize examples per forward pass when labelling, at least 1; default 256
 * @param readPseudoLabels a folder holding {@code round-1.csv .. round-K.csv} ({@link
 *     PseudoLabelFile}) to train on instead of labelling with the teacher; default none. Every
 *     round's file must exist
 */
public record NoisyStudentRoundsConfig(
        Integer rounds,
        Long steps,
        List<BackboneConfig> students,
        OptimizerConfig optimizer,
        String targets,
        Double temperature,
        Double threshold,
        Boolean balance,
        Integer perClass,
        Double unlabeledWeight,
        Double labelSmoothing,
        Integer labelBatchSize,
        String readPseudoLabels)
        implements PhaseConfig {

    /** The network name of round K's student is this followed by K. */
    public static final String STUDENT_PREFIX = "student-";

    /** Checks required fields and ranges, and fills the defaults. */
    public NoisyStudentRoundsConfig {
        rounds = rounds == null ? 3 : rounds;
        Checks.inRange("rounds", rounds, 1, 100);
        if (steps != null) {
            Checks.positive("steps", steps);
        }
        students = Checks.listOf("students", students);
        if (students.size() > 1 && students.size() != rounds) {
            throw new InvalidConfigException(
                    "students",
                    "must hold 0, 1 or 'rounds' (" + rounds + ") backbones, got " + students.size());
        }
        Checks.required("optimizer", optimizer);
        targets =
                targets == null
                        ? LabelKind.SOFT.configName()
                        : LabelKind.fromConfig("targets", targets).configName();
        temperature = temperature == null ? 1.0 : temperature;
        Checks.positive("temperature", temperature);
        threshold = threshold == null ? 0.3 : threshold;
        Checks.inUnitInterval("threshold", threshold);
        balance = balance == null ? Boolean.TRUE : balance;
        perClass = perClass == null ? 0 : perClass;
        Checks.nonNegative("perClass", perClass);
        unlabeledWeight = unlabeledWeight == null ? 1.0 : unlabeledWeight;
        Checks.nonNegative("unlabeledWeight", unlabeledWeight);
        labelSmoothing = labelSmoothing == null ? 0.1 : labelSmoothing;
        Checks.belowOne("labelSmoothing", labelSmoothing);
        labelBatchSize = labelBatchSize == null ? 256 : labelBatchSize;
        Checks.positive("labelBatchSize", labelBatchSize);
    }

    /**
     * @return {@link #targets} as an enum
     */
    LabelKind labelKind() {
        return LabelKind.fromConfig("targets", targets);
    }

    /**
     * @param round a round, 1 to {@link #rounds}
     * @param fallback the architecture when {@link #students} is empty
     * @return that round's student architecture
     */
    BackboneConfig student(int round, BackboneConfig fallback) {
        if (students.isEmpty()) {
            return fallback;
        }
        return students.size() == 1 ? students.get(0) : students.get(round - 1);
    }

    /**
     * @param round K
     * @return the file of round K's set in {@link #readPseudoLabels}, or null without it
     */
    Path readFile(int round) {
        return readPseudoLabels == null ? null : Path.of(readPseudoLabels).resolve(RoundPhase.fileName(round));
    }

    /**
     * Creates the networks {@code student-1 .. student-K}, in order, and one phase per round.
     *
     * @param setup the composition; round 1 labels with {@link PhaseSetup#previous()} as it is
     *     when the round begins
     * @return the phases {@code round-1 .. round-K}
     * @throws InvalidConfigException when {@code train.unlabeledRatio} is 0, or a round's file is
     *     missing from {@code readPseudoLabels}
     */
    @Override
    public List<Phase> create(PhaseSetup setup) {
        Budget budget = setup.method().budget();
        if (budget.unlabeledBatchSize() == 0) {
            throw new InvalidConfigException(
                    "train.unlabeledRatio",
                    "must be at least 1: the noisy-student rounds of " + setup.path()
                            + " train on pseudo-labelled examples, got 0");
        }
        for (int round = 1; readPseudoLabels != null && round <= rounds; round++) {
            if (!Files.isRegularFile(readFile(round))) {
                throw new InvalidConfigException(
                        setup.path() + ".readPseudoLabels", "has no pseudo-label file " + readFile(round));
            }
        }
        long roundSteps = steps == null ? budget.steps() : steps;
        BatchPlan batches = new BatchPlan(budget.batchSize(), budget.unlabeledBatchSize(), true);
        BackboneConfig fallback = setup.student().network().backbone();
        int classes = setup.method().data().classes();
        List<Phase> phases = new ArrayList<>();
        Supplier<Network> teacher = setup.previous();
        for (int round = 1; round <= rounds; round++) {
            Network student =
                    setup.method()
                            .trainable(STUDENT_PREFIX + round, student(round, fallback), optimizer, roundSteps);
            phases.add(new RoundPhase(round, teacher, student, this, roundSteps, batches, classes));
            teacher = () -> student;
        }
        return List.copyOf(phases);
    }
}
