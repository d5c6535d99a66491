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
 * @param checkpointEvery write a checkpoint every this many steps (and at the end)
 * @param onNonFinite what to do when a loss or gradient is NaN or infinite
 */
public record TrainSettings(
        long steps,
        int batchSize,
        int unlabeledRatio,
        long evaluateEvery,
        long logEvery,
        long checkpointEvery,
        NonFinitePolicy onNonFinite) {

    /** The checkpoint interval when the config leaves it out. */
    public static final long DEFAULT_CHECKPOINT_EVERY = 1000;

    /** Checks the ranges. */
    public TrainSettings {
        Checks.positive("steps", steps);
        Checks.inRange("batchSize", batchSize, 1, 1 << 20);
        Checks.inRange("unlabeledRatio", unlabeledRatio, 0, 1024);
        Checks.positive("evaluateEvery", evaluateEvery);
        Checks.positive("logEvery", logEvery);
        Checks.positive("checkpointEvery", checkpointEvery);
        Checks.required("onNonFinite", onNonFinite);
    }

    /**
     * Settings with the default checkpoint interval ({@link #DEFAULT_CHECKPOINT_EVERY}, at most
     * the steps) and {@link NonFinitePolicy#STOP}.
     *
     * @param steps see the record
     * @param batchSize see the record
     * @param unlabeledRatio see the record
     * @param evaluateEvery see the record
     * @param logEvery see the record
     */
    public TrainSettings(
            long steps, int batchSize, int unlabeledRatio, long evaluateEvery, long logEvery) {
        this(
                steps,
                batchSize,
                unlabeledRatio,
                evaluateEvery,
                logEvery,
                defaultCheckpointEvery(steps),
                NonFinitePolicy.STOP);
    }

    /**
     * Reads the section, filling left-out fields: {@code unlabeledRatio} 7, {@code evaluateEvery}
     * a tenth of the steps, {@code logEvery} 10 (at most the steps), {@code checkpointEvery}
     * {@link #DEFAULT_CHECKPOINT_EVERY} (at most the steps), {@code onNonFinite} {@code stop}.
     *
     * @param steps required
     * @param batchSize required
     * @param unlabeledRatio optional
     * @param evaluateEvery optional
     * @param logEvery optional
     * @param checkpointEvery optional
     * @param onNonFinite optional
     * @return the settings
     */
    @JsonCreator
    public static TrainSettings of(
            @JsonProperty("steps") Long steps,
            @JsonProperty("batchSize") Integer batchSize,
            @JsonProperty("unlabeledRatio") Integer unlabeledRatio,
            @JsonProperty("evaluateEvery") Long evaluateEvery,
            @JsonProperty("logEvery") Long logEvery,
            @JsonProperty("checkpointEvery") Long checkpointEvery,
            @JsonProperty("onNonFinite") NonFinitePolicy onNonFinite) {
        long s = Checks.required("steps", steps);
        return new TrainSettings(
                s,
                Checks.required("batchSize", batchSize),
                unlabeledRatio == null ? 7 : unlabeledRatio,
                evaluateEvery == null ? Math.max(1, s / 10) : evaluateEvery,
                logEvery == null ? Math.min(10, s) : logEvery,
                checkpointEvery == null ? defaultCheckpointEvery(s) : checkpointEvery,
                onNonFinite == null ? NonFinitePolicy.STOP : onNonFinite);
    }

    /**
     * {@link #of(Long, Integer, Integer, Long, Long, Long, NonFinitePolicy)} with the default
     * checkpoint interval and policy.
     *
     * @param steps required
     * @param batchSize required
     * @param unlabeledRatio optional
     * @param evaluateEvery optional
     * @param logEvery optional
     * @return the settings
     */
    public static TrainSettings of(
            Long steps, Integer batchSize, Integer unlabeledRatio, Long evaluateEvery, Long logEvery) {
        return of(steps, batchSize, unlabeledRatio, evaluateEvery, logEvery, null, null);
    }

    private static long defaultCheckpointEvery(long steps) {
        return Math.max(1, Math.min(DEFAULT_CHECKPOINT_EVERY, steps));
    }

    /**
     * @return unlabeled examples per step: {@code batchSize * unlabeledRatio}
     */
    public int unlabeledBatchSize() {
        return batchSize * unlabeledRatio;
    }
}
