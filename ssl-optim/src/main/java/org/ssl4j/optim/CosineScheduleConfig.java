package org.ssl4j.optim;

import ai.djl.training.tracker.Tracker;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.model.ScheduleConfig;

/**
 * The {@code cosine} schedule: a linear warm-up followed by a half-cosine decay from the base
 * learning rate to {@code finalFactor} times it. See {@link CosineSchedule} for the formula.
 *
 * @param warmupSteps updates of linear warm-up; default 0, at least 0
 * @param finalFactor the fraction of the base rate reached at the last update; default 0, in
 *     [0, 1]
 */
public record CosineScheduleConfig(Integer warmupSteps, Double finalFactor)
        implements ScheduleConfig {

    /** Applies the defaults and checks the ranges. */
    public CosineScheduleConfig {
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
        finalFactor = finalFactor == null ? 0.0 : finalFactor;
        Checks.nonNegative("warmupSteps", warmupSteps);
        Checks.inUnitInterval("finalFactor", finalFactor);
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link CosineSchedule}
     */
    @Override
    public Tracker create(float baseLearningRate, long totalSteps) {
        return new CosineSchedule(baseLearningRate, totalSteps, warmupSteps, finalFactor);
    }
}
