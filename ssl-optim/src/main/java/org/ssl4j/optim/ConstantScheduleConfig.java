package org.ssl4j.optim;

import ai.djl.training.tracker.Tracker;
import org.ssl4j.api.model.ScheduleConfig;

/** The {@code constant} schedule: every update uses the base learning rate. */
public record ConstantScheduleConfig() implements ScheduleConfig {

    /**
     * {@inheritDoc}
     *
     * @return a tracker whose value is {@code baseLearningRate} at every update
     */
    @Override
    public Tracker create(float baseLearningRate, long totalSteps) {
        return Tracker.fixed(baseLearningRate);
    }
}
