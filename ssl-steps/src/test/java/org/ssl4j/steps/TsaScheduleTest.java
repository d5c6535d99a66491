package org.ssl4j.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;

class TsaScheduleTest {

    /** The steps t = 0, T/4, T/2, T of a T = 100 step phase. */
    private static final long[] STEPS = {0, 25, 50, 100};

    @Test
    void linearRisesFromChanceToOneInProportionToTheStep() {
        assertThresholds(TsaSchedule.LINEAR, 10, 0.1, 0.325, 0.55, 1.0);
        assertThresholds(TsaSchedule.LINEAR, 2, 0.5, 0.625, 0.75, 1.0);
    }

    @Test
    void logRisesEarly() {
        // 1/K + (1 - 1/K) * (1 - exp(-5 t/T)), e.g. 0.1 + 0.9 * (1 - exp(-1.25)) at T/4
        assertThresholds(TsaSchedule.LOG, 10, 0.1, 0.742145683, 0.926123501, 0.993935848);
        assertThresholds(TsaSchedule.LOG, 2, 0.5, 0.856747602, 0.958957501, 0.996631027);
    }

    @Test
    void expRisesLate() {
        // 1/K + (1 - 1/K) * exp(5 (t/T - 1)), e.g. 0.1 + 0.9 * exp(-5) at t = 0
        assertThresholds(TsaSchedule.EXP, 10, 0.106064152, 0.121165971, 0.173876499, 1.0);
        assertThresholds(TsaSchedule.EXP, 2, 0.503368973, 0.511758873, 0.541042499, 1.0);
    }

    @Test
    void noneKeepsEveryExampleAtEveryStep() {
        assertThresholds(TsaSchedule.NONE, 10, 1.0, 1.0, 1.0, 1.0);
        assertThresholds(TsaSchedule.NONE, 2, 1.0, 1.0, 1.0, 1.0);
    }

    @Test
    void aPhaseWithoutStepsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TsaSchedule.LINEAR.threshold(0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> TsaSchedule.LOG.threshold(0, 10, 0));
    }

    @Test
    void configNamesRoundTrip() {
        for (TsaSchedule schedule : TsaSchedule.values()) {
            assertEquals(schedule, TsaSchedule.fromConfig("tsa", schedule.configName()));
        }
        assertEquals("exp", TsaSchedule.EXP.configName());
        InvalidConfigException e =
                assertThrows(
                        InvalidConfigException.class, () -> TsaSchedule.fromConfig("tsa", "LOG"));
        assertEquals("tsa", e.field());
        assertEquals("must be one of [none, linear, log, exp], got 'LOG'", e.problem());
    }

    private static void assertThresholds(
            TsaSchedule schedule, long classes, double... expected) {
        double[] actual = new double[STEPS.length];
        for (int i = 0; i < STEPS.length; i++) {
            actual[i] = schedule.threshold(STEPS[i], 100, classes);
        }
        assertArrayEquals(expected, actual, 1e-9, schedule + " with K = " + classes);
    }
}
