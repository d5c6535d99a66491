package org.ssl4j.runtime.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Metrics#of} against values worked out by hand. */
class MetricsTest {

    /**
     * Three classes, eight examples; class 2 is never predicted.
     *
     * <pre>
     *          predicted 0  1  2
     * true 0             2  1  0     recall 2/3
     * true 1             0  3  0     recall 1
     * true 2             1  1  0     recall 0
     * </pre>
     *
     * accuracy 5/8; balanced (2/3 + 1 + 0) / 3 = 5/9; precision 2/3, 3/5, 0 (never predicted);
     * F1 2/3, 2·(3/5)/(1 + 3/5) = 3/4, 0; macro-F1 (2/3 + 3/4 + 0) / 3 = 17/36.
     */
    @Test
    void confusionRecallF1AndAClassNeverPredicted() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2};
        int[] predicted = {0, 0, 1, 1, 1, 1, 0, 1};
        float[] confidence = new float[8];
        Arrays.fill(confidence, 1f);
        int[] rank = {0, 0, 1, 0, 0, 0, 2, 1};
        Metrics m = Metrics.of(3, labels, predicted, confidence, rank);
        assertEquals(List.of(List.of(2L, 1L, 0L), List.of(0L, 3L, 0L), List.of(1L, 1L, 0L)), m.confusion());
        assertEquals(5.0 / 8, m.accuracy(), 1e-12);
        assertEquals(2.0 / 3, m.perClassAccuracy().get(0), 1e-12);
        assertEquals(1.0, m.perClassAccuracy().get(1), 1e-12);
        assertEquals(0.0, m.perClassAccuracy().get(2), 1e-12);
        assertEquals(5.0 / 9, m.balancedAccuracy(), 1e-12);
        assertEquals(17.0 / 36, m.macroF1(), 1e-12);
        assertNull(m.top5Accuracy(), "3 classes: top-5 is not defined");
        // Every confidence is 1 (the last bin): ECE = |5/8 - 1| = 3/8.
        assertEquals(3.0 / 8, m.calibrationError(), 1e-12);
    }

    /**
     * ECE with two bins used: confidences 0.9 (4 examples, 3 right) and 0.55 (2 examples, 1 right):
     * (4/6)|3/4 - 0.9| + (2/6)|1/2 - 0.55| = 0.1 + 1/60.
     */
    @Test
    void calibrationErrorWeighsEachBinByItsShare() {
        int[] labels = {0, 0, 0, 0, 1, 1};
        int[] predicted = {0, 0, 0, 1, 1, 0};
        float[] confidence = {0.9f, 0.9f, 0.9f, 0.9f, 0.55f, 0.55f};
        int[] rank = {0, 0, 0, 1, 0, 1};
        Metrics m = Metrics.of(2, labels, predicted, confidence, rank);
        assertEquals(0.1 + 1.0 / 60, m.calibrationError(), 1e-6);
    }

    /** Top-5 with 7 classes, and a class with no test example has no per-class accuracy. */
    @Test
    void topFiveAndAClassWithoutExamples() {
        int[] labels = {0, 1, 2, 3};
        int[] predicted = {0, 2, 2, 4};
        float[] confidence = {0.5f, 0.5f, 0.5f, 0.5f};
        int[] rank = {0, 3, 0, 5};
        Metrics m = Metrics.of(7, labels, predicted, confidence, rank);
        assertEquals(0.75, m.top5Accuracy(), 1e-12);
        assertNull(m.perClassAccuracy().get(5));
        // Balanced accuracy over the 4 classes with examples: (1 + 0 + 1 + 0) / 4.
        assertEquals(0.5, m.balancedAccuracy(), 1e-12);
        // F1 over the classes seen as label or prediction (0..4): 1, 0, 2/3, 0, 0.
        assertEquals((1 + 2.0 / 3) / 5, m.macroF1(), 1e-12);
    }

    @Test
    void refusesMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.of(2, new int[] {0}, new int[] {0, 1}, new float[1], new int[1]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.of(2, new int[] {2}, new int[] {0}, new float[1], new int[1]));
    }
}
