package org.ssl4j.testkit;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.OptimizerConfig;

/**
 * The kit's optimizer {@code testkit-sgd}: DJL's plain SGD at a fixed learning rate. For a
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
    public Optimizer create(long totalSteps) {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr.floatValue())).build();
    }
}
