package org.ssl4j.optim;

import org.ssl4j.api.model.ResumableOptimizer;
import ai.djl.training.tracker.Tracker;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;

/**
 * The {@code adam} optimizer: DJL's Adam update ({@link AdamOptimizer}, whose state checkpoints),
 * with the weight decay added to the gradient (L2, as {@code torch.optim.Adam}'s {@code
 * weight_decay}, not AdamW). Epsilon is applied to the bias-corrected denominator the way the
 * Adam paper's efficient form does.
 *
 * @param lr the base learning rate; required, &gt; 0
 * @param beta1 decay of the first moment; default 0.9, in [0, 1)
 * @param beta2 decay of the second moment; default 0.999, in [0, 1)
 * @param epsilon added to the denominator; default 1e-8, &gt; 0
 * @param weightDecay the L2 factor added to the gradient; default 0, at least 0
 * @param schedule the learning-rate schedule; default {@code constant}
 */
public record AdamConfig(
        Double lr,
        Double beta1,
        Double beta2,
        Double epsilon,
        Double weightDecay,
        ScheduleConfig schedule)
        implements OptimizerConfig {

    /** Applies the defaults and checks the ranges. */
    public AdamConfig {
        Checks.positive("lr", Checks.required("lr", lr));
        schedule = schedule == null ? new ConstantScheduleConfig() : schedule;
        beta1 = beta1 == null ? 0.9 : beta1;
        beta2 = beta2 == null ? 0.999 : beta2;
        epsilon = epsilon == null ? 1e-8 : epsilon;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        Checks.belowOne("beta1", beta1);
        Checks.belowOne("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
    }

    /**
     * {@inheritDoc}
     *
     * @return a new {@link AdamOptimizer} whose rate at update {@code t} (0-based) is the
     *     schedule's
     */
    @Override
    public ResumableOptimizer create(long totalSteps) {
        Tracker rate = schedule.create(lr.floatValue(), totalSteps);
        return new AdamOptimizer(
                rate, beta1.floatValue(), beta2.floatValue(), epsilon.floatValue(), weightDecay.floatValue());
    }
}
