package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * Reduced MPL as built from {@link ReducedMplConfig}: networks {@code large-teacher} and {@code
 * reduced-teacher} now, {@code student} (and {@code student-ema}) when phase {@code mpl} begins.
 * It evaluates the large teacher during its phase and the student (or its moving average) after.
 */
final class ReducedMplMethod implements TrainingMethod {

    /** The first phase's name. */
    static final String PRETRAIN = "large-teacher";

    /** Network names. */
    static final String LARGE_TEACHER = "large-teacher";

    static final String REDUCED_TEACHER = "reduced-teacher";

    private final Network largeTeacher;
    private final TeacherPretrainPhase pretrain;
    private final ReducedMplPhase mpl;

    ReducedMplMethod(ReducedMplConfig config, MethodContext context) {
        int unlabeled = context.train().unlabeledBatchSize();
        if (unlabeled == 0) {
            throw new InvalidConfigException(
                    "train.unlabeledRatio", "must be at least 1 for Meta Pseudo Labels, got 0");
        }
        try {
            config.student().backbone().build(context.data());
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException("student.backbone." + e.field(), e.problem());
        }
        MplTeacherConfig large = config.largeTeacher();
        List<AuxiliaryLoss> auxiliaryLosses =
                MplMethod.auxiliaryLosses("largeTeacher.auxiliaryLosses", large.auxiliaryLosses(), context);
        largeTeacher =
                context.trainable(LARGE_TEACHER, large.backbone(), large.optimizer(), config.largeTeacherSteps());
        Network reduced =
                context.trainable(
                        REDUCED_TEACHER,
                        config.reducedTeacher().backbone(),
                        config.reducedTeacher().optimizer(),
                        context.train().steps(),
                        ReducedMplPhase.inputsOf(context.data().classes(), context.data().classNames()));
        pretrain =
                new TeacherPretrainPhase(
                        largeTeacher,
                        config.largeTeacherSteps(),
                        context.train().batchSize(),
                        unlabeled,
                        large.labelSmoothing().floatValue(),
                        auxiliaryLosses);
        mpl = new ReducedMplPhase(context, largeTeacher, reduced, config);
    }

    @Override
    public List<Phase> phases() {
        return List.of(pretrain, mpl);
    }

    /**
     * Saves the feedback baseline and the stored predictions; networks are saved by the runtime.
     *
     * @param state where to write
     */
    @Override
    public void saveState(StateWriter state) {
        mpl.save(state);
    }

    /**
     * @param state what {@link #saveState} wrote
     */
    @Override
    public void restoreState(StateReader state) {
        mpl.restore(state);
    }

    /**
     * @return the large teacher until phase {@code mpl} begins, then the student or its average
     */
    @Override
    public Network evaluated() {
        return mpl.evaluated() == null ? largeTeacher : mpl.evaluated();
    }
}
