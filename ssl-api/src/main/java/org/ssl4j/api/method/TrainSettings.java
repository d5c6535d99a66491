package org.ssl4j.api.method;

import org.ssl4j.api.config.Checks;

/**
 * The step budget and batch sizes of a run (the config's {@code train} section), shared by
 * every method of a comparison so that they are compared at the same budget.
 *
 * @param steps training steps of the method's main phase
 * @param batchSize labeled examples per step
 * @param unlabeledRatio unlabeled examples per labeled example in a step (the literature's µ)
 * @param evaluateEvery evaluate on the test split every this many steps (and at the end)
 * @param logEvery write losses to the metrics file every this many steps
 */
public record TrainSettings(
        long steps, int batchSize, int unlabeledRatio, long evaluateEvery, long logEvery) {

    /** Checks the ranges. */
    public TrainSettings {
        Checks.positive("steps", steps);
        Checks.inRange("batchSize", batchSize, 1, 1 << 20);
        Checks.inRange("unlabeledRatio", unlabeledRatio, 0, 1024);
        Checks.positive("evaluateEvery", evaluateEvery);
        Checks.positive("logEvery", logEvery);
    }

    /**
     * @return unlabeled examples per step: {@code batchSize * unlabeledRatio}
     */
    public int unlabeledBatchSize() {
        return batchSize * unlabeledRatio;
    }
}
