package org.ssl4j.mpl;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * Reduced MPL's second phase, {@code mpl}. At its start it stores the large teacher's predictions
 * on both splits, frees the large teacher, and only then creates the student (and its moving
 * average): the two large networks are never in memory together. Each step is an {@link
 * MplPhase} step whose teacher is the small reduced teacher over the stored predictions.
 */
final class ReducedMplPhase implements Phase {

    private final MethodContext methods;
    private final Network largeTeacher;
    private final Network reducedTeacher;
    private final ReducedMplConfig config;
    private final long steps;
    private final BatchPlan batches;
    private final FeedbackBaseline baseline;
    private StoredPredictions stored;
    private StoredPredictions.OnHeap restored;
    private MplPhase delegate;
    private Network evaluated;

    /**
     * @param methods the network factory, kept to create the student at the phase's start
     * @param largeTeacher the trained large teacher, freed at the phase's start
     * @param reducedTeacher the small teacher over {@code K}-dim log-probabilities
     * @param config the method's settings
     */
    ReducedMplPhase(
            MethodContext methods, Network largeTeacher, Network reducedTeacher, ReducedMplConfig config) {
        this.methods = methods;
        this.largeTeacher = largeTeacher;
        this.reducedTeacher = reducedTeacher;
        this.config = config;
        this.steps = methods.train().steps();
        this.baseline = new FeedbackBaseline(config.feedback().baselineRate());
        this.batches =
                new BatchPlan(methods.train().batchSize(), methods.train().unlabeledBatchSize(), true);
    }

    /**
     * @param classes the class count
     * @param classNames their names
     * @return the reduced teacher's input: one {@code K}-vector of log-probabilities per example
     */
    static DataSpec inputsOf(int classes, List<String> classNames) {
        return new DataSpec(
                new Shape(classes), classes, classNames, "log-probabilities of the large teacher");
    }

    @Override
    public String name() {
        return MplMethod.PHASE;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public BatchPlan batches() {
        return batches;
    }

    /**
     * Stores the large teacher's predictions, frees it, creates the student. When the phase
     * resumes from a checkpoint, the large teacher was never restored (the checkpoint was written
     * after it was freed), the predictions come from the checkpoint ({@link #restore}) and the
     * runtime restores the student and its average as they are created.
     *
     * @param context the phase, whose manager keeps the predictions
     */
    @Override
    public void begin(PhaseContext context) {
        if (context.resumed() && restored != null) {
            stored = restored.toArrays(context.manager());
        } else {
            stored =
                    StoredPredictions.compute(
                            largeTeacher,
                            context.data().labeled(),
                            context.data().unlabeled(),
                            context.manager());
            methods.release(largeTeacher);
        }
        restored = null;
        MplStudentConfig studentConfig = config.student();
        Network student =
                methods.trainable(MplMethod.STUDENT, studentConfig.backbone(), studentConfig.optimizer(), steps);
        StudentEma ema =
                studentConfig.ema() == null
                        ? null
                        : new StudentEma(
                                methods.frozen(MplMethod.STUDENT_EMA, studentConfig.backbone()),
                                student,
                                studentConfig.ema(),
                                !context.resumed());
        PseudoLabelStrategy strategy =
                config.pseudoLabels() == null ? new ArgmaxLabels() : config.pseudoLabels().create();
        MetaTeacher teacher =
                new MetaTeacher(
                        reducedTeacher,
                        step -> ReducedTeacherForward.run(reducedTeacher, stored, step),
                        strategy,
                        List.of(),
                        config.reducedTeacher().labelSmoothing().floatValue(),
                        baseline,
                        config.reducedTeacher().maxGradNorm());
        MetaStudent metaStudent =
                new MetaStudent(
                        student, studentConfig.labelSmoothing().floatValue(), studentConfig.maxGradNorm());
        delegate = new MplPhase(steps, batches, teacher, metaStudent, studentConfig.waitSteps(), ema);
        evaluated = ema == null ? student : ema.network();
    }

    /**
     * @param context the step
     * @return the step's losses, as {@link MplPhase#step}
     * @throws IllegalStateException before {@link #begin}
     */
    @Override
    public StepResult step(StepContext context) {
        if (delegate == null) {
            throw new IllegalStateException("phase 'mpl' of reduced-mpl stepped before it began");
        }
        return delegate.step(context);
    }

    /**
     * Writes the feedback baseline and, once the phase has begun, the stored predictions: the
     * large teacher they came from is gone, so a resumed run needs them from the checkpoint.
     *
     * @param state where to write
     */
    void save(StateWriter state) {
        state.putDouble("feedbackBaseline", baseline.value());
        if (stored != null && !stored.labeled().isReleased()) {
            state.putArray("predictions.labeled", stored.labeled());
            state.putArray("predictions.unlabeled", stored.unlabeled());
        }
    }

    /**
     * @param state what {@link #save} wrote
     */
    void restore(StateReader state) {
        baseline.restore(state.getDouble("feedbackBaseline"));
        if (state.contains("predictions.labeled")) {
            restored = StoredPredictions.OnHeap.read(state);
        }
    }

    /**
     * @return the student (or its moving average) once the phase has begun, else null
     */
    Network evaluated() {
        return evaluated;
    }
}
