package org.ssl4j.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.method.Budget;

/**
 * The config's {@code train} section: the step budget and batch sizes that every method of a
 * comparison shares (what methods see, as {@link #budget()}), and the runtime's cadence: how
 * often it evaluates, logs and checkpoints, and what it does with a non-finite step.
 *
 * @param steps training steps of a method's main phase
 * @param batchSize labeled examples per step
 * @param unlabeledRatio unlabeled examples per labeled example in a step (the literature's µ)
 * @param evaluateEvery evaluate on the test split every this many steps of a phase (and at its
 *     end)
 * @param logEvery write losses to the metrics file every this many steps
 * @param checkpointEvery write a checkpoint every this many steps (and after the last)
 * @param onNonFinite what to do when a loss or gradient is NaN or infinite
 * @param diagnostics whether each evaluation also writes a {@code diagnostics} line to {@code
 *     metrics.jsonl} (drawn in the report): the test accuracy of every network of the method
 *     over the examples (a teacher, a student and its average, not only the evaluated one), the
 *     accuracy of the pseudo labels the method gave its unlabeled examples since the previous
 *     evaluation (scored by the runtime against the pool's labels, which methods never see), and
 *     the mean and spread of every step term since then; costs a host read of the terms each
 *     step and one test pass per extra network per evaluation
 */
public record TrainSettings(
        long steps,
        int batchSize,
        int unlabeledRatio,
        long evaluateEvery,
        long logEvery,
        long checkpointEvery,
        NonFinitePolicy onNonFinite,
        boolean diagnostics) {

    /** The checkpoint interval when the config leaves it out (at most the steps). */
    public static final long DEFAULT_CHECKPOINT_EVERY = 1000;
    /** The unlabeled ratio when the config leaves it out. */
    public static final int DEFAULT_UNLABELED_RATIO = 7;

    /** Checks the ranges. */
    public TrainSettings {
        new Budget(steps, batchSize, unlabeledRatio);
        Checks.positive("evaluateEvery", evaluateEvery);
        Checks.positive("logEvery", logEvery);
        Checks.positive("checkpointEvery", checkpointEvery);
        Checks.required("onNonFinite", onNonFinite);
    }

    /**
     * Reads the section, filling left-out fields as {@link Builder} does.
     *
     * @param steps required
     * @param batchSize required
     * @param unlabeledRatio optional
     * @param evaluateEvery optional
     * @param logEvery optional
     * @param checkpointEvery optional
     * @param onNonFinite optional
     * @param diagnostics optional
     * @return the settings
     */
    @JsonCreator
    public static TrainSettings fromFile(
            @JsonProperty("steps") Long steps,
            @JsonProperty("batchSize") Integer batchSize,
            @JsonProperty("unlabeledRatio") Integer unlabeledRatio,
            @JsonProperty("evaluateEvery") Long evaluateEvery,
            @JsonProperty("logEvery") Long logEvery,
            @JsonProperty("checkpointEvery") Long checkpointEvery,
            @JsonProperty("onNonFinite") NonFinitePolicy onNonFinite,
            @JsonProperty("diagnostics") Boolean diagnostics) {
        Builder builder = builder(Checks.required("steps", steps), Checks.required("batchSize", batchSize));
        builder.unlabeledRatio = unlabeledRatio;
        builder.evaluateEvery = evaluateEvery;
        builder.logEvery = logEvery;
        builder.checkpointEvery = checkpointEvery;
        builder.onNonFinite = onNonFinite;
        builder.diagnostics = diagnostics;
        return builder.build();
    }

    /**
     * @param steps training steps of a method's main phase
     * @param batchSize labeled examples per step
     * @return a builder whose other fields take their defaults unless set
     */
    public static Builder builder(long steps, int batchSize) {
        return new Builder(steps, batchSize);
    }

    /**
     * @return the part of the section methods see: steps and batch sizes
     */
    @JsonIgnore
    public Budget budget() {
        return new Budget(steps, batchSize, unlabeledRatio);
    }

    /**
     * @return unlabeled examples per step: {@code batchSize * unlabeledRatio}
     */
    @JsonIgnore
    public int unlabeledBatchSize() {
        return batchSize * unlabeledRatio;
    }

    /**
     * Settings with defaults for what is not set: {@code unlabeledRatio} {@value
     * #DEFAULT_UNLABELED_RATIO}, {@code evaluateEvery} a tenth of the steps, {@code logEvery} 10
     * (at most the steps), {@code checkpointEvery} {@value #DEFAULT_CHECKPOINT_EVERY} (at most the
     * steps), {@code onNonFinite} {@code stop}, {@code diagnostics} false.
     */
    public static final class Builder {
        private final long steps;
        private final int batchSize;
        private Integer unlabeledRatio;
        private Long evaluateEvery;
        private Long logEvery;
        private Long checkpointEvery;
        private NonFinitePolicy onNonFinite;
        private Boolean diagnostics;

        private Builder(long steps, int batchSize) {
            this.steps = steps;
            this.batchSize = batchSize;
        }

        /**
         * @param value unlabeled examples per labeled example
         * @return this builder
         */
        public Builder unlabeledRatio(int value) {
            unlabeledRatio = value;
            return this;
        }

        /**
         * @param value evaluate every this many steps
         * @return this builder
         */
        public Builder evaluateEvery(long value) {
            evaluateEvery = value;
            return this;
        }

        /**
         * @param value log every this many steps
         * @return this builder
         */
        public Builder logEvery(long value) {
            logEvery = value;
            return this;
        }

        /**
         * @param value checkpoint every this many steps
         * @return this builder
         */
        public Builder checkpointEvery(long value) {
            checkpointEvery = value;
            return this;
        }

        /**
         * @param value what a non-finite step does
         * @return this builder
         */
        public Builder onNonFinite(NonFinitePolicy value) {
            onNonFinite = value;
            return this;
        }

        /**
         * @param value whether evaluations also write diagnostics
         * @return this builder
         */
        public Builder diagnostics(boolean value) {
            diagnostics = value;
            return this;
        }

        /**
         * @return the settings
         * @throws org.ssl4j.api.config.InvalidConfigException naming a field out of range
         */
        public TrainSettings build() {
            return new TrainSettings(
                    steps,
                    batchSize,
                    unlabeledRatio == null ? DEFAULT_UNLABELED_RATIO : unlabeledRatio,
                    evaluateEvery == null ? Math.max(1, steps / 10) : evaluateEvery,
                    logEvery == null ? Math.max(1, Math.min(10, steps)) : logEvery,
                    checkpointEvery == null ? Math.max(1, Math.min(DEFAULT_CHECKPOINT_EVERY, steps)) : checkpointEvery,
                    onNonFinite == null ? NonFinitePolicy.STOP : onNonFinite,
                    diagnostics != null && diagnostics);
        }
    }
}
