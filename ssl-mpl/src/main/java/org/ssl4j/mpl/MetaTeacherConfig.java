package org.ssl4j.mpl;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;
import org.ssl4j.steps.AuxiliaryLosses;
import org.ssl4j.steps.CrossEntropyStudent;
import org.ssl4j.steps.HardLabelStrategy;
import org.ssl4j.steps.JointForward;

/**
 * Config of the {@code meta} teacher ({@link MetaTeacher}), Meta Pseudo Labels' teacher: a
 * network of its own, {@code teacher}, created before the student, that labels the strong view
 * and learns from its labeled loss, its auxiliary losses and the student's feedback. It needs a
 * student that measures its labeled loss before and after each update (the {@code cross-entropy}
 * student with {@code measureFeedback: true}); a composition with one that does not is refused.
 * Its forward pass joins the labeled batch, the weak view (when an auxiliary loss needs it) and
 * the strong view.
 *
 * <p>It can learn alone in a {@code pretrain} phase. With {@code largeTeacher} it is Reduced
 * MPL's teacher: a network {@code large-teacher}, trained alone by a {@code pretrain} phase (for
 * {@code largeTeacherSteps} steps, its default length), whose predictions are stored and the
 * network freed when the first {@code teach-and-learn} phase begins; the teacher's own network,
 * {@code reduced-teacher}, is then a small one over those predictions (see {@link
 * LargeTeacher}), built for {@code K}-dim inputs.
 *
 * @param backbone its architecture; required
 * @param optimizer its optimizer and schedule; required
 * @param labelSmoothing label smoothing of its labeled cross-entropy, in [0, 1); default 0
 * @param auxiliaryLosses extra terms on its logits (UDA in the paper); default none; none with
 *     {@code largeTeacher} (the reduced teacher sees stored predictions, not views)
 * @param maxGradNorm clip its global gradient norm to this before each update, {@code > 0};
 *     default none
 * @param feedback how it uses the student's feedback; default no baseline
 * @param largeTeacher Reduced MPL's large teacher; default none
 * @param largeTeacherSteps the large teacher's steps, {@code >= 1}; required with {@code
 *     largeTeacher}
 */
public record MetaTeacherConfig(
        BackboneConfig backbone,
        OptimizerConfig optimizer,
        Double labelSmoothing,
        List<AuxiliaryLossConfig> auxiliaryLosses,
        Double maxGradNorm,
        Feedback feedback,
        MplTeacherConfig largeTeacher,
        Long largeTeacherSteps)
        implements TeacherConfig {

    /** Network names. */
    static final String NETWORK = "teacher";

    static final String LARGE_NETWORK = "large-teacher";
    static final String REDUCED_NETWORK = "reduced-teacher";

    /** Metric names auxiliary terms may not take: the teacher's, the student's, the phases'. */
    static final List<String> RESERVED =
            Stream.of(MetaTeacher.LOSS_NAMES, CrossEntropyStudent.LOSS_NAMES, SoftExactPhase.METRICS)
                    .flatMap(List::stream)
                    .toList();

    /**
     * How the {@code meta} teacher uses the student's feedback {@code h}.
     *
     * @param baselineRate the rate {@code r} of a moving-average baseline {@code b} of the
     *     feedback, {@code b <- b + r (h - b)}; the teacher uses {@code h - b} with the baseline
     *     of the steps before. In [0, 1]; default 0 (no baseline). The official code uses 0.01.
     */
    public record Feedback(Double baselineRate) {

        /** Fills the default and checks the range. */
        public Feedback {
            baselineRate = Checks.inUnitInterval("baselineRate", baselineRate == null ? 0.0 : baselineRate);
        }
    }

    /** Fills defaults and checks ranges and that the parts fit together. */
    public MetaTeacherConfig {
        MplTeacherConfig own = new MplTeacherConfig(backbone, optimizer, labelSmoothing, auxiliaryLosses, maxGradNorm);
        labelSmoothing = own.labelSmoothing();
        auxiliaryLosses = own.auxiliaryLosses();
        feedback = feedback == null ? new Feedback(null) : feedback;
        if (largeTeacher != null) {
            Checks.positive("largeTeacherSteps", Checks.required("largeTeacherSteps", largeTeacherSteps));
            if (!auxiliaryLosses.isEmpty()) {
                throw new InvalidConfigException(
                        "auxiliaryLosses",
                        "the reduced teacher sees stored predictions, not views; give auxiliary losses"
                                + " to largeTeacher");
            }
        } else if (largeTeacherSteps != null) {
            throw new InvalidConfigException("largeTeacherSteps", "is set but largeTeacher is not");
        }
    }

    /** A network of its own, created before the student. */
    @Override
    public boolean ownsNetwork() {
        return true;
    }

    /**
     * Creates its networks: {@code teacher}, or {@code large-teacher} and then {@code
     * reduced-teacher}.
     */
    @Override
    public MetaTeacher create(TeacherContext context) {
        MethodContext method = context.method();
        List<AuxiliaryLoss> terms =
                AuxiliaryLosses.create("auxiliaryLosses", auxiliaryLosses, method.data(), RESERVED);
        long steps = method.budget().steps();
        float smoothing = labelSmoothing.floatValue();
        if (largeTeacher == null) {
            Network network = method.trainable(NETWORK, backbone, optimizer, steps);
            return new MetaTeacher(
                    network, joint(network, terms), context.strategy(), terms, smoothing,
                    feedback.baselineRate(), maxGradNorm, null);
        }
        List<AuxiliaryLoss> largeTerms =
                AuxiliaryLosses.create(
                        "largeTeacher.auxiliaryLosses", largeTeacher.auxiliaryLosses(), method.data(), RESERVED);
        Network largeNetwork =
                method.trainable(LARGE_NETWORK, largeTeacher.backbone(), largeTeacher.optimizer(), largeTeacherSteps);
        MetaTeacher trainer =
                new MetaTeacher(
                        largeNetwork, joint(largeNetwork, largeTerms), new HardLabelStrategy(0f), largeTerms,
                        largeTeacher.labelSmoothing().floatValue(), 0, largeTeacher.maxGradNorm(), null);
        LargeTeacher large = new LargeTeacher(method, trainer, largeTeacherSteps);
        Network reduced =
                method.trainable(REDUCED_NETWORK, backbone, optimizer, steps, LargeTeacher.inputsOf(method.data()));
        return new MetaTeacher(
                reduced, step -> large.forward(reduced, step), context.strategy(), terms, smoothing,
                feedback.baselineRate(), maxGradNorm, large);
    }

    /** The joined forward pass over the labeled batch, the weak view (for auxiliary terms) and the strong view. */
    private static Function<StepContext, AuxiliaryInputs> joint(Network network, List<AuxiliaryLoss> terms) {
        boolean weak = !terms.isEmpty();
        return step ->
                JointForward.recorded(
                        network, step, weak ? step.unlabeled().weak() : null, step.unlabeled().strong());
    }
}
