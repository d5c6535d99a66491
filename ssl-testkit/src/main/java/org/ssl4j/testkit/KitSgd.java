package org.ssl4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * Plain SGD at a fixed rate, {@code w -= lr * grad}: no per-parameter state, so its checkpoint
 * state is empty and a resumed run updates as an uninterrupted one.
 */
final class KitSgd extends ResumableOptimizer {

    private final float lr;

    /**
     * @param lr the learning rate
     */
    KitSgd(float lr) {
        super(new Settings());
        this.lr = lr;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        try (NDManager scratch = weight.getManager().newSubManager()) {
            NDArray step = grad.mul(lr);
            step.attach(scratch);
            weight.subi(step);
        }
    }

    /** Nothing to save: plain SGD keeps no state. */
    @Override
    public void saveState(String parameterId, StateWriter state) {}

    /** Nothing to restore. */
    @Override
    public void restoreState(String parameterId, StateReader state, NDArray weight) {}

    /** DJL's optimizer settings, left at their defaults. */
    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
