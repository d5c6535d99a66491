package org.ssl4j.mpl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * Meta Pseudo Labels as built from {@link MplConfig}: networks {@code teacher} and {@code
 * student} (plus {@code student-ema} with a moving average and {@code student-finetuned} with a
 * finetune phase); phase {@code mpl} for {@code train.steps} steps, then phase {@code finetune}
 * when configured. It evaluates the finetuned network once its phase has begun, otherwise the
 * moving average when there is one, otherwise the student.
 */
final class MplMethod implements TrainingMethod {

    /** The MPL phase's name. */
    static final String PHASE = "mpl";

    /** The finetune phase's name. */
    static final String FINETUNE = "finetune";

    /** Network names. */
    static final String TEACHER = "teacher";

    static final String STUDENT = "student";
    static final String STUDENT_EMA = "student-ema";
    static final String FINETUNED = "student-finetuned";

    private static final String BASELINE_KEY = "feedbackBaseline";

    private final List<Phase> phases = new ArrayList<>();
    private final Network student;
    private final StudentEma ema;
    private final FinetunePhase finetune;
    private final FeedbackBaseline baseline;

    MplMethod(MplConfig config, MethodContext context) {
        int unlabeled = context.train().unlabeledBatchSize();
        if (unlabeled == 0) {
            throw new InvalidConfigException(
                    "train.unlabeledRatio", "must be at least 1 for Meta Pseudo Labels, got 0");
        }
        long steps = context.train().steps();
        MplTeacherConfig teacherConfig = config.teacher();
        MplStudentConfig studentConfig = config.student();
        List<AuxiliaryLoss> auxiliaryLosses =
                auxiliaryLosses("teacher.auxiliaryLosses", teacherConfig.auxiliaryLosses(), context);
        Network teacher =
                context.trainable(TEACHER, teacherConfig.backbone(), teacherConfig.optimizer(), steps);
        student =
                context.trainable(STUDENT, studentConfig.backbone(), studentConfig.optimizer(), steps);
        ema =
                studentConfig.ema() == null
                        ? null
                        : new StudentEma(
                                context.frozen(STUDENT_EMA, studentConfig.backbone()),
                                student,
                                studentConfig.ema(),
                                true);
        BatchPlan batches = new BatchPlan(context.train().batchSize(), unlabeled, true);
        float teacherSmoothing = teacherConfig.labelSmoothing().floatValue();
        FeedbackConfig feedback = config.feedback();
        baseline = new FeedbackBaseline(feedback.baselineRate());
        if (feedback.feedbackVariant() == FeedbackVariant.SOFT_EXACT) {
            phases.add(
                    new ExactSoftPhase(
                            steps,
                            batches,
                            teacher,
                            student,
                            auxiliaryLosses,
                            teacherSmoothing,
                            feedback,
                            studentConfig.waitSteps(),
                            ema,
                            teacherConfig.maxGradNorm(),
                            studentConfig.maxGradNorm()));
        } else {
            PseudoLabelStrategy strategy =
                    config.pseudoLabels() == null ? new ArgmaxLabels() : config.pseudoLabels().create();
            MetaTeacher metaTeacher =
                    new MetaTeacher(
                            teacher,
                            step -> TeacherForward.run(teacher, !auxiliaryLosses.isEmpty(), step),
                            strategy,
                            auxiliaryLosses,
                            teacherSmoothing,
                            baseline,
                            teacherConfig.maxGradNorm());
            MetaStudent metaStudent =
                    new MetaStudent(
                            student,
                            studentConfig.labelSmoothing().floatValue(),
                            studentConfig.maxGradNorm());
            phases.add(
                    new MplPhase(
                            steps, batches, metaTeacher, metaStudent, studentConfig.waitSteps(), ema));
        }
        FinetuneConfig finetuneConfig = config.finetune();
        if (finetuneConfig == null) {
            finetune = null;
        } else {
            Network finetuned =
                    context.trainable(
                            FINETUNED,
                            studentConfig.backbone(),
                            finetuneConfig.optimizer(),
                            finetuneConfig.steps());
            int batchSize =
                    finetuneConfig.batchSize() == null
                            ? context.train().batchSize()
                            : finetuneConfig.batchSize();
            finetune =
                    new FinetunePhase(
                            finetuned,
                            ema == null ? student : ema.network(),
                            finetuneConfig.steps(),
                            batchSize,
                            finetuneConfig.labelSmoothing().floatValue());
            phases.add(finetune);
        }
    }

    @Override
    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    /**
     * @return the finetuned network once the finetune phase has begun, else the student's moving
     *     average if kept, else the student
     */
    @Override
    public Network evaluated() {
        if (finetune != null && finetune.begun()) {
            return finetune.network();
        }
        return ema == null ? student : ema.network();
    }

    /**
     * Saves the feedback baseline; the networks (the moving average included) are saved by the
     * runtime.
     *
     * @param state where to write
     */
    @Override
    public void saveState(StateWriter state) {
        state.putDouble(BASELINE_KEY, baseline.value());
    }

    /**
     * @param state what {@link #saveState} wrote
     */
    @Override
    public void restoreState(StateReader state) {
        baseline.restore(state.getDouble(BASELINE_KEY));
    }

    /**
     * @param field the config path of the list, for errors
     * @param configs the teacher's auxiliary losses
     * @param context the data they are built for
     * @return the losses
     * @throws InvalidConfigException when two terms would be reported under one name, or under
     *     a name the method reports itself
     */
    static List<AuxiliaryLoss> auxiliaryLosses(
            String field, List<AuxiliaryLossConfig> configs, MethodContext context) {
        List<AuxiliaryLoss> losses = new ArrayList<>();
        Set<String> names = new HashSet<>(MetaTeacher.LOSS_NAMES);
        names.addAll(List.of(MetaStudent.LOSS, MetaStudent.LABELED_BEFORE, MetaStudent.LABELED_AFTER));
        names.addAll(List.of(MplPhase.MASK_RATE, ExactSoftPhase.FEEDBACK_TERM, ExactSoftPhase.STUDENT_STEP));
        for (AuxiliaryLossConfig config : configs) {
            AuxiliaryLoss loss = config.create(context.data());
            if (!names.add(loss.name())) {
                throw new InvalidConfigException(
                        field,
                        "two loss terms would both be reported as '"
                                + loss.name()
                                + "'; names must differ from each other and from "
                                + MetaTeacher.LOSS_NAMES);
            }
            losses.add(loss);
        }
        return losses;
    }
}
