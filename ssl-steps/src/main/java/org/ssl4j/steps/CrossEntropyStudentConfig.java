package org.ssl4j.steps;

import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.View;

/**
 * Config of the {@code cross-entropy} student ({@link CrossEntropyStudent}). Its network is
 * named {@code student}, its moving average {@code student-ema}.
 *
 * @param backbone its architecture, required
 * @param optimizer its optimizer and schedule, required
 * @param view the unlabeled view it learns the pseudo labels on, {@code weak} or {@code strong};
 *     default {@code weak}
 * @param labeledLoss whether cross-entropy on the labeled batch is part of its loss; default
 *     true. False for Meta Pseudo Labels' student, which learns from pseudo labels only (labeled
 *     data reaches it through the teacher)
 * @param unlabeledWeight weight of the pseudo-label loss, {@code >= 0}; default 1
 * @param warmupSteps steps over which that weight ramps linearly from 0, {@code >= 0}; default 0
 * @param labelSmoothing label smoothing of both cross-entropies, in [0, 1); default 0
 * @param tsa Training Signal Annealing of the labeled loss: {@code none}, {@code linear}, {@code
 *     log} or {@code exp}; default {@code none}
 * @param auxiliaryLosses extra terms on its logits; default none. They see the logits of the
 *     labeled batch and of the weak view (and of the strong view when it learns on it or a term
 *     needs it)
 * @param measureFeedback whether it measures its labeled loss before and after each update (what
 *     a {@code meta} teacher learns from); default false
 * @param ema decay of a moving average of its weights that is evaluated instead of it, in [0, 1),
 *     with the warm-up {@code min(ema, (t + 1) / (t + 10))} of the official MPL code; default none
 * @param maxGradNorm clip the global L2 norm of its gradient to this before each update, {@code >
 *     0}; default none
 * @param waitSteps steps of each phase at the start in which it does not learn, {@code >= 0};
 *     default 0
 */
public record CrossEntropyStudentConfig(
        BackboneConfig backbone,
        OptimizerConfig optimizer,
        String view,
        Boolean labeledLoss,
        Double unlabeledWeight,
        Long warmupSteps,
        Double labelSmoothing,
        String tsa,
        List<AuxiliaryLossConfig> auxiliaryLosses,
        Boolean measureFeedback,
        Double ema,
        Double maxGradNorm,
        Long waitSteps)
        implements DeferrableStudentConfig {

    /** The name of the student's network. */
    public static final String NETWORK = "student";

    /** The name of its moving average's network. */
    public static final String AVERAGE = "student-ema";

    /** Checks required fields and ranges, and fills the defaults. */
    public CrossEntropyStudentConfig {
        Checks.required("backbone", backbone);
        Checks.required("optimizer", optimizer);
        view = View.fromConfig("view", view, View.WEAK).configName();
        labeledLoss = labeledLoss == null ? Boolean.TRUE : labeledLoss;
        unlabeledWeight = unlabeledWeight == null ? 1.0 : unlabeledWeight;
        Checks.nonNegative("unlabeledWeight", unlabeledWeight);
        warmupSteps = warmupSteps == null ? 0L : warmupSteps;
        Checks.nonNegative("warmupSteps", warmupSteps);
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        Checks.belowOne("labelSmoothing", labelSmoothing);
        tsa = tsa == null ? TsaSchedule.NONE.configName() : TsaSchedule.fromConfig("tsa", tsa).configName();
        auxiliaryLosses = Checks.listOf("auxiliaryLosses", auxiliaryLosses);
        measureFeedback = measureFeedback == null ? Boolean.FALSE : measureFeedback;
        if (ema != null) {
            Checks.belowOne("ema", ema);
        }
        if (maxGradNorm != null) {
            Checks.positive("maxGradNorm", maxGradNorm);
        }
        waitSteps = waitSteps == null ? 0L : waitSteps;
        Checks.nonNegative("waitSteps", waitSteps);
    }

    /**
     * @param backbone its architecture
     * @param optimizer its optimizer
     * @return a builder with every other field at its default
     */
    public static Builder builder(BackboneConfig backbone, OptimizerConfig optimizer) {
        return new Builder(backbone, optimizer);
    }

    /**
     * @return {@link #view} as an enum
     */
    public View studentView() {
        return View.fromConfig("view", view, View.WEAK);
    }

    /**
     * @return {@link #tsa} as an enum
     */
    public TsaSchedule tsaSchedule() {
        return TsaSchedule.fromConfig("tsa", tsa);
    }

    /**
     * Creates the student and its network {@code student} (and {@code student-ema} with a moving
     * average).
     *
     * @param context the method's context
     * @return the student
     */
    @Override
    public CrossEntropyStudent create(MethodContext context) {
        CrossEntropyStudent student = new CrossEntropyStudent(context, this, terms(context));
        student.network();
        return student;
    }

    /**
     * @throws InvalidConfigException naming {@code student.backbone} (its path in the
     *     composition) when the backbone does not fit the data, or as {@link
     *     AuxiliaryLosses#create}
     */
    @Override
    public CrossEntropyStudent deferred(MethodContext context) {
        List<AuxiliaryLoss> terms = terms(context);
        try {
            backbone.build(context.data());
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException("student.backbone." + e.field(), e.problem());
        }
        return new CrossEntropyStudent(context, this, terms);
    }

    private List<AuxiliaryLoss> terms(MethodContext context) {
        return AuxiliaryLosses.create(
                "auxiliaryLosses", auxiliaryLosses, context.data(), CrossEntropyStudent.LOSS_NAMES);
    }

    /** Builds a config without positional nulls; every setter is optional. */
    public static final class Builder {
        private final BackboneConfig backbone;
        private final OptimizerConfig optimizer;
        private View view;
        private Boolean labeledLoss;
        private Double unlabeledWeight;
        private Long warmupSteps;
        private Double labelSmoothing;
        private TsaSchedule tsa;
        private List<AuxiliaryLossConfig> auxiliaryLosses;
        private Boolean measureFeedback;
        private Double ema;
        private Double maxGradNorm;
        private Long waitSteps;

        private Builder(BackboneConfig backbone, OptimizerConfig optimizer) {
            this.backbone = backbone;
            this.optimizer = optimizer;
        }

        /** @param value see the record @return this */
        public Builder view(View value) {
            view = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder labeledLoss(boolean value) {
            labeledLoss = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder unlabeledWeight(Double value) {
            unlabeledWeight = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder warmupSteps(Long value) {
            warmupSteps = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder labelSmoothing(Double value) {
            labelSmoothing = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder tsa(TsaSchedule value) {
            tsa = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder auxiliaryLosses(List<AuxiliaryLossConfig> value) {
            auxiliaryLosses = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder measureFeedback(boolean value) {
            measureFeedback = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder ema(Double value) {
            ema = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder maxGradNorm(Double value) {
            maxGradNorm = value;
            return this;
        }

        /** @param value see the record @return this */
        public Builder waitSteps(Long value) {
            waitSteps = value;
            return this;
        }

        /** @return the config, checked */
        public CrossEntropyStudentConfig build() {
            return new CrossEntropyStudentConfig(
                    backbone,
                    optimizer,
                    view == null ? null : view.configName(),
                    labeledLoss,
                    unlabeledWeight,
                    warmupSteps,
                    labelSmoothing,
                    tsa == null ? null : tsa.configName(),
                    auxiliaryLosses,
                    measureFeedback,
                    ema,
                    maxGradNorm,
                    waitSteps);
        }
    }
}
