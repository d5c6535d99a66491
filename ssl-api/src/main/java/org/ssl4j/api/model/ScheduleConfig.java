package org.ssl4j.api.model;

import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Config of a learning-rate schedule, selected by {@code ...optimizer.schedule.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface ScheduleConfig {

    /**
     * Creates the schedule.
     *
     * @param baseLearningRate the optimizer's peak learning rate
     * @param totalSteps the number of updates the schedule spans
     * @return a tracker whose value at update {@code t} (0-based) is the learning rate of that
     *     update
     */
    Tracker create(float baseLearningRate, long totalSteps);
}
