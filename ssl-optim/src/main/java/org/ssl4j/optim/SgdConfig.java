package org.ssl4j.optim;

import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;

/**
 * The {@code sgd} optimizer: stochastic gradient descent as in PyTorch, see {@link SgdOptimizer}.
 *
 * @param lr the base learning rate; required, &gt; 0
 * @param momentum the momentum factor; default 0, in [0, 1)
 * @param nesterov Nesterov momentum; default false, true needs {@code momentum > 0}
 * @param weightDecay the L2 factor added to the gradient; default 0, at least 0
 * @param schedule the learning-rate schedule; default {@code constant}
 */
public record SgdConfig(
        Double lr, Double momentum, Boolean nesterov, Double weightDecay, ScheduleConfig schedule)
        implements OptimizerConfig {

    /** Applies the defaults and checks the ranges. */
    public SgdConfig {
        Checks.positive("lr", Checks.required("lr", lr));
        schedule = schedule == null ? new ConstantScheduleConfig() : schedule;
        momentum = momentum == null ? 0.0 : momentum;
        nesterov = nesterov != null && nesterov;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        Checks.belowOne("momentum", momentum);
        if (nesterov && momentum == 0) {
            throw new InvalidConfigException("nesterov", "needs momentum > 0, got momentum 0");
        }
        Checks.nonNegative("weightDecay", weightDecay);
    }

    /**
     * Plain SGD: no momentum, no weight decay, a constant rate.
     *
     * @param lr the learning rate, &gt; 0
     * @return the config
     */
    public static SgdConfig of(double lr) {
        return new SgdConfig(lr, null, null, null, null);
    }

    /**
     * {@inheritDoc}
     *
     * @return a new {@link SgdOptimizer} with this config's schedule over {@code totalSteps}
     */
    @Override
    public ResumableOptimizer create(long totalSteps) {
                return new SgdOptimizer(
                schedule.create(lr.floatValue(), totalSteps),
                momentum.floatValue(),
                nesterov,
                weightDecay.floatValue());
    }
}
