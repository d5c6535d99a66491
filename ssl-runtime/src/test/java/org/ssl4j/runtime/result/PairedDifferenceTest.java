package org.ssl4j.runtime.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paired interval and p-value against values worked out by hand. */
class PairedDifferenceTest {

    /**
     * Differences 0.02, 0.03, 0.01, 0.04 (seeds 1-4; seed 5 only in the method): mean 0.025, sample
     * sd sqrt(0.0005/3) = 0.0129099, se 0.0064550; t(0.975, 3) = 3.182446; half width 0.0205426;
     * t = 3.872983, two-sided p = 0.030466 (t distribution with 3 degrees of freedom).
     */
    @Test
    void intervalAndPValueOverTheSharedSeeds() {
        Map<Long, Double> method = Map.of(1L, 0.82, 2L, 0.83, 3L, 0.81, 4L, 0.84, 5L, 0.99);
        Map<Long, Double> baseline = Map.of(1L, 0.80, 2L, 0.80, 3L, 0.80, 4L, 0.80);
        PairedDifference d = PairedDifference.of("m", method, "b", baseline);
        assertEquals(List.of(1L, 2L, 3L, 4L), d.seeds());
        assertEquals(0.025, d.mean(), 1e-12);
        assertEquals(0.025 - 0.0205426, d.low(), 1e-6);
        assertEquals(0.025 + 0.0205426, d.high(), 1e-6);
        assertEquals(0.030466, d.pValue(), 1e-5);
        assertFalse(d.coversZero());
        assertEquals("+2.50 [+0.45, +4.55]", ResultTable.differenceText(d));
    }

    /** Differences +0.01, -0.01, +0.03: mean 0.01, sd 0.02, half width 4.302653 · 0.02/√3 = 0.049682. */
    @Test
    void anIntervalThatCoversZeroIsMarked() {
        PairedDifference d =
                PairedDifference.of("m", Map.of(1L, 0.51, 2L, 0.49, 3L, 0.53), "b", Map.of(1L, 0.5, 2L, 0.5, 3L, 0.5));
        assertEquals(0.01 - 0.049682, d.low(), 1e-5);
        assertTrue(d.coversZero());
        assertTrue(ResultTable.differenceText(d).endsWith("†"));
    }

    @Test
    void oneSharedSeedHasNoIntervalAndNoneHasNoDifference() {
        PairedDifference one = PairedDifference.of("m", Map.of(1L, 0.9), "b", Map.of(1L, 0.8, 2L, 0.7));
        assertEquals(0.1, one.mean(), 1e-12);
        assertNull(one.low());
        assertNull(one.pValue());
        assertNull(PairedDifference.of("m", Map.of(3L, 0.9), "b", Map.of(1L, 0.8)));
    }

    @Test
    void aConstantDifferenceIsCertain() {
        PairedDifference d = PairedDifference.of("m", Map.of(1L, 0.75, 2L, 0.5), "b", Map.of(1L, 0.5, 2L, 0.25));
        assertEquals(0.25, d.low());
        assertEquals(0.25, d.high());
        assertEquals(0.0, d.pValue());
    }
}
