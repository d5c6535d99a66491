package org.ssl4j.api.method;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
     * Reads the section, filling left-out fields: {@code unlabeledRatio} 7, {@code evaluateEvery}
     * a tenth of the steps, {@code logEvery} 10 (at most the steps).
     *
     * @param steps required
     * @param batchSize required
     * @param unlabeledRatio optional
     * @param evaluateEvery optional
     * @param logEvery optional
     * @return the settings
     */
    @JsonCreator
    public static TrainSettings of(
            @JsonProperty("steps") Long steps,
            @JsonProperty("batchSize") Integer batchSize,
            @JsonProperty("unlabeledRatio") Integer unlabeledRatio,
            @JsonProperty("evaluateEvery") Long evaluateEvery,
            @JsonProperty("logEvery") Long logEvery) {
        long s = Checks.required("steps", steps);
        return new TrainSettings(
                s,
                Checks.required("batchSize", batchSize),
                unlabeledRatio == null ? 7 : unlabeledRatio,
                evaluateEvery == null ? Math.max(1, s / 10) : evaluateEvery,
                logEvery == null ? Math.min(10, s) : logEvery);
    }

    /**
     * @return unlabeled examples per step: {@code batchSize * unlabeledRatio}
     */
    public int unlabeledBatchSize() {
        return batchSize * unlabeledRatio;
    }
}
