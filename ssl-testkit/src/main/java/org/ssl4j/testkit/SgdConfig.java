package org.ssl4j.testkit;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ResumableOptimizer;

/**
 * The kit's optimizer {@code testkit-sgd}: plain SGD at a fixed learning rate ({@link KitSgd}). For a
 * method's sample when the plugin under test brings no optimizer:
 * {@code "optimizer": {"type": "testkit-sgd"}}.
 *
 * @param lr the learning rate, greater than 0; default 0.1
 */
public record SgdConfig(Double lr) implements OptimizerConfig {

    /** Fills the default and checks the range. */
    public SgdConfig {
        lr = lr == null ? 0.1 : Checks.positive("lr", lr);
    }

    @Override
    public ResumableOptimizer create(long totalSteps) {
        return new KitSgd(lr.floatValue());
    }
}
