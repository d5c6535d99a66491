package org.ssl4j.api.method;

import org.ssl4j.api.config.Checks;

/**
 * The step budget and batch sizes of a run (from the config's {@code train} section), shared by
 * every method of a comparison so that they are compared at the same budget. How often the
 * runtime evaluates, logs and checkpoints is the runtime's business, not a method's.
 *
 * @param steps training steps of a method's main phase
 * @param batchSize labeled examples per step
 * @param unlabeledRatio unlabeled examples per labeled example in a step (the literature's µ)
 */
public record Budget(long steps, int batchSize, int unlabeledRatio) {

    /** Checks the ranges. */
    public Budget {
        Checks.positive("steps", steps);
        Checks.inRange("batchSize", batchSize, 1, 1 << 20);
        Checks.inRange("unlabeledRatio", unlabeledRatio, 0, 1024);
    }

    /**
     * @return unlabeled examples per step: {@code batchSize * unlabeledRatio}
     */
    public int unlabeledBatchSize() {
        return batchSize * unlabeledRatio;
    }
}
