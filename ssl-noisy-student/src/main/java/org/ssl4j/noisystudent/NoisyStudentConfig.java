package org.ssl4j.noisystudent;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.PseudoLabelFile;
import org.ssl4j.steps.TeachAndLearnConfig;
import org.ssl4j.steps.TeacherStudentConfig;

/**
 * The {@code noisy-student} preset (Xie et al. 2020): round 0 trains a network on the labeled
 * data; each of {@code rounds} rounds then labels the whole unlabeled pool with the latest
 * network (inputs as stored, evaluation mode), filters and balances the labels, trains a new
 * student on labeled plus pseudo-labelled data under noise (the runtime's strong augmentation on
 * the pseudo-labelled images, and the dropout and stochastic depth of the student's backbone),
 * and makes that student the next round's teacher. Every phase runs {@code train.steps} steps.
 *
 * <p>It expands ({@link #expand()}) to a {@code teacher-student} composition without a teacher:
 * a {@code cross-entropy} student (network {@code student}, backbone {@link #teacher}) trained
 * alone in a {@code teach-and-learn} phase named {@code round-0}, then a {@code noisy-student}
 * phase ({@link NoisyStudentRoundsConfig}) with the other settings, whose rounds train {@code
 * student-1 .. student-K}.
 *
 * @param teacher the round-0 teacher's architecture, required
 * @param students the students' architectures: empty (default) for the teacher's in every round,
 *     one for every round, or one per round (equal or larger, as the paper)
 * @param rounds the number of student rounds K, at least 1; default 3
 * @param optimizer every network's optimizer and schedule, required
 * @param pseudoLabels {@code soft} (default: {@code softmax(z / temperature)}) or {@code hard}
 *     (the argmax, with {@code labelSmoothing})
 * @param temperature T of the soft labels, positive; default 1
 * @param threshold the confidence floor: examples whose teacher confidence is below it are
 *     dropped, and no class threshold goes below it; in [0, 1], default 0.3
 * @param balance whether to balance classes to {@code perClass} (default true); false keeps every
 *     example at or above the threshold once
 * @param perClass the balanced count per class, at least 0; default 0, meaning the unlabeled
 *     pool's size divided by the number of classes
 * @param unlabeledWeight the weight ("ratio") of the pseudo-label cross-entropy, at least 0;
 *     default 1
 * @param labelSmoothing label smoothing of the labeled cross-entropy (and of hard pseudo labels),
 *     in [0, 1); default 0.1
 * @param labelBatchSize examples per forward pass when pseudo-labelling, at least 1; default 256
 * @param readPseudoLabels a folder holding {@code round-1.csv .. round-K.csv} ({@link
 *     PseudoLabelFile}) to train on instead of labelling with the teacher; default none. Every
 *     round's file must exist
 */
public record NoisyStudentConfig(
        BackboneConfig teacher,
        List<BackboneConfig> students,
        Integer rounds,
        OptimizerConfig optimizer,
        String pseudoLabels,
        Double temperature,
        Double threshold,
        Boolean balance,
        Integer perClass,
        Double unlabeledWeight,
        Double labelSmoothing,
        Integer labelBatchSize,
        String readPseudoLabels)
        implements MethodConfig {

    /** The name of the phase that trains round 0's network. */
    public static final String ROUND_ZERO = "round-0";

    /**
     * Checks the teacher and fills the other defaults by the rules of the rounds' phase
     * ({@link NoisyStudentRoundsConfig}), so the two cannot disagree; a bad {@code pseudoLabels}
     * is named as the preset calls it.
     */
    public NoisyStudentConfig {
        Checks.required("teacher", teacher);
        NoisyStudentRoundsConfig checked;
        try {
            checked =
                    new NoisyStudentRoundsConfig(
                            rounds, null, students, optimizer, pseudoLabels, temperature, threshold, balance,
                            perClass, unlabeledWeight, labelSmoothing, labelBatchSize, readPseudoLabels);
        } catch (InvalidConfigException e) {
            throw e.field().equals("targets") ? new InvalidConfigException("pseudoLabels", e.problem()) : e;
        }
        students = checked.students();
        rounds = checked.rounds();
        pseudoLabels = checked.targets();
        temperature = checked.temperature();
        threshold = checked.threshold();
        balance = checked.balance();
        perClass = checked.perClass();
        unlabeledWeight = checked.unlabeledWeight();
        labelSmoothing = checked.labelSmoothing();
        labelBatchSize = checked.labelBatchSize();
    }

    /**
     * @return the composition this preset stands for
     */
    @Override
    public TeacherStudentConfig expand() {
        CrossEntropyStudentConfig student =
                CrossEntropyStudentConfig.builder(teacher, optimizer).labelSmoothing(labelSmoothing).build();
        NoisyStudentRoundsConfig roundsConfig =
                new NoisyStudentRoundsConfig(
                        rounds,
                        null,
                        students,
                        optimizer,
                        pseudoLabels,
                        temperature,
                        threshold,
                        balance,
                        perClass,
                        unlabeledWeight,
                        labelSmoothing,
                        labelBatchSize,
                        readPseudoLabels);
        return new TeacherStudentConfig(
                null, student, null, List.of(TeachAndLearnConfig.named(ROUND_ZERO), roundsConfig));
    }

    @Override
    public TrainingMethod create(MethodContext context) {
        return expand().create(context);
    }
}
