package org.ssl4j.mpl;

import ai.djl.training.optimizer.Optimizer;
import org.ssl4j.api.model.OptimizerConfig;

/**
 * A test optimizer config that only carries a learning rate: {@link TestMethodContext} hands it
 * to a {@link BlockNetwork}, which applies plain SGD by hand.
 *
 * @param learningRate the fixed step size
 */
record TestSgd(float learningRate) implements OptimizerConfig {

    /**
     * @throws UnsupportedOperationException always: test networks update by hand
     */
    @Override
    public Optimizer create(long totalSteps) {
        throw new UnsupportedOperationException("test networks apply SGD by hand");
    }
}
