package org.ssl4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void constantKeepsTheBaseRate() {
        Tracker rate = new ConstantScheduleConfig().create(0.3f, 10);
        assertEquals(0.3f, rate.getNewValue(0));
        assertEquals(0.3f, rate.getNewValue(9));
    }

    @Test
    void cosineWithoutWarmupFollowsTheHalfCosine() {
        Tracker rate = new CosineScheduleConfig(null, null).create(1f, 4);
        assertEquals(1f, rate.getNewValue(0), 1e-6f);
        assertEquals(0.85355339f, rate.getNewValue(1), 1e-6f); // 0.5 (1 + cos(pi/4))
        assertEquals(0.5f, rate.getNewValue(2), 1e-6f);
        assertEquals(0.14644661f, rate.getNewValue(3), 1e-6f); // 0.5 (1 + cos(3 pi/4))
    }

    @Test
    void cosineWarmsUpLinearlyThenDecaysToTheFinalFactor() {
        // base 2, T = 10, W = 2, f = 0.1
        Tracker rate = new CosineScheduleConfig(2, 0.1).create(2f, 10);
        assertEquals(1f, rate.getNewValue(0), 1e-6f); // 2 * 1/2
        assertEquals(2f, rate.getNewValue(1), 1e-6f); // 2 * 2/2
        assertEquals(2f, rate.getNewValue(2), 1e-6f); // cos(0) = 1
        assertEquals(1.7363961f, rate.getNewValue(4), 1e-6f); // 2 (0.1 + 0.45 (1 + cos(pi/4)))
        assertEquals(1.1f, rate.getNewValue(6), 1e-6f); // 2 (0.1 + 0.45)
        assertEquals(0.2f, rate.getNewValue(10), 1e-6f); // 2 * 0.1
    }

    @Test
    void cosineStaysAtTheFinalRateAfterTheLastStep() {
        Tracker rate = new CosineScheduleConfig(0, 0.25).create(1f, 4);
        assertEquals(0.25f, rate.getNewValue(4), 1e-6f);
        assertEquals(0.25f, rate.getNewValue(7), 1e-6f);
    }

    @Test
    void cosineWithWarmupLongerThanTheRunStillDecays() {
        // max(1, T - W) guards the division: T = 2, W = 3
        Tracker rate = new CosineScheduleConfig(3, 0.0).create(1f, 2);
        assertEquals(1f / 3, rate.getNewValue(0), 1e-6f);
        assertEquals(1f, rate.getNewValue(3), 1e-6f);
        assertEquals(0f, rate.getNewValue(4), 1e-6f);
    }
}
