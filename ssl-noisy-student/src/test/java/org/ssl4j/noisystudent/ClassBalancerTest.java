package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassBalancerTest {

    /** A generator that returns scripted values from nextDouble and fails on any other draw. */
    private static final class ScriptedRandom extends Random {
        private final Deque<Double> values = new ArrayDeque<>();

        ScriptedRandom(double... values) {
            Arrays.stream(values).forEach(this.values::add);
        }

        @Override
        public double nextDouble() {
            if (values.isEmpty()) {
                throw new AssertionError("an unexpected random draw");
            }
            return values.removeFirst();
        }

        @Override
        protected int next(int bits) {
            throw new AssertionError("an unexpected random draw");
        }

        int left() {
            return values.size();
        }
    }

    @Test
    void downsamplesFrequentClassesAndDuplicatesRareOnesWithoutDrawsWhenTheFractionIsZero() {
        // class 0: 0.95 0.90 0.80 0.20 -> threshold 0.90, its 2 most confident once each
        // class 1: 0.60 alone -> threshold at the floor 0.30, 2 / 1 = 2 copies
        // class 2: 0.50, and 0.25 below the floor -> 2 / 1 = 2 copies of the first, 0 of the other
        int[] labels = {0, 0, 0, 0, 1, 2, 2};
        float[] confidences = {0.95f, 0.90f, 0.80f, 0.20f, 0.60f, 0.50f, 0.25f};

        ClassBalancer.Balance balance =
                ClassBalancer.balance(labels, confidences, 3, 2, 0.3, new ScriptedRandom());

        assertArrayEquals(new int[] {1, 1, 0, 0, 2, 2, 0}, balance.copies());
        assertArrayEquals(new float[] {0.90f, 0.30f, 0.30f}, balance.thresholds());
    }

    @Test
    void exactMultiplesGiveExactCopiesForEveryKeptExample() {
        // perClass 6 over 3 kept examples: 6 / 3 = 2 copies each, fraction 0, no draw
        int[] labels = {1, 1, 1, 0, 0, 0, 0, 0, 0};
        float[] confidences = {0.7f, 0.5f, 0.4f, 0.99f, 0.98f, 0.97f, 0.96f, 0.95f, 0.94f};

        ClassBalancer.Balance balance =
                ClassBalancer.balance(labels, confidences, 2, 6, 0.3, new ScriptedRandom());

        assertArrayEquals(new int[] {2, 2, 2, 1, 1, 1, 1, 1, 1}, balance.copies());
        assertArrayEquals(new float[] {0.94f, 0.30f}, balance.thresholds());
    }

    @Test
    void roundsFractionalCopiesStochasticallyInConfidenceOrder() {
        // class 0: 3 kept, perClass 5 -> 1 copy + 1 more with probability 2/3, drawn for 0.9,
        // 0.8, 0.7 in that order: 0.5 < 2/3 yes, 0.9 no, 0.1 yes -> 2, 1, 2 (5 in all).
        // class 1: 6 examples, the 5th most confident is 0.95 -> threshold 0.95, top 5 once each.
        int[] labels = {0, 0, 0, 1, 1, 1, 1, 1, 1};
        float[] confidences = {0.7f, 0.9f, 0.8f, 0.40f, 0.99f, 0.98f, 0.97f, 0.96f, 0.95f};
        ScriptedRandom random = new ScriptedRandom(0.5, 0.9, 0.1);

        ClassBalancer.Balance balance = ClassBalancer.balance(labels, confidences, 2, 5, 0.3, random);

        assertArrayEquals(new int[] {2, 2, 1, 0, 1, 1, 1, 1, 1}, balance.copies());
        assertArrayEquals(new float[] {0.30f, 0.95f}, balance.thresholds());
        assertEquals(0, random.left(), "one draw per kept example of the rare class");
    }

    @Test
    void theThresholdStepsByHundredthsAndTiesAboveItAreCutToTheMostConfident() {
        // perClass 2: the 2nd most confident is 0.995, so 1.00 fails and 0.99 is the threshold;
        // all three pass it, and the class keeps its 2 most confident
        int[] labels = {0, 0, 0, 1, 1};
        float[] confidences = {0.991f, 0.999f, 0.995f, 0.8f, 0.8f};

        ClassBalancer.Balance balance =
                ClassBalancer.balance(labels, confidences, 2, 2, 0.3, new ScriptedRandom());

        assertArrayEquals(new int[] {0, 1, 1, 1, 1}, balance.copies());
        assertArrayEquals(new float[] {0.99f, 0.80f}, balance.thresholds());
    }

    @Test
    void aClassEntirelyBelowTheFloorAndAnEmptyClassGetNothing() {
        int[] labels = {0, 0, 1};
        float[] confidences = {0.29f, 0.1f, 0.9f};

        ClassBalancer.Balance balance =
                ClassBalancer.balance(labels, confidences, 3, 1, 0.3, new ScriptedRandom());

        assertArrayEquals(new int[] {0, 0, 1}, balance.copies());
        assertArrayEquals(new float[] {0.30f, 0.90f, 0.30f}, balance.thresholds());
    }

    @Test
    void aSeededGeneratorGivesTheSameCopiesAndEachRareExampleFloorOrCeiling() {
        int[] labels = new int[7];
        float[] confidences = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.45f, 0.35f};

        int[] first = ClassBalancer.balance(labels, confidences, 2, 10, 0.3, new Random(7)).copies();
        int[] second = ClassBalancer.balance(labels, confidences, 2, 10, 0.3, new Random(7)).copies();

        assertArrayEquals(first, second);
        for (int copies : first) {
            assertEquals(true, copies == 1 || copies == 2, "10 / 7 rounds to 1 or 2, got " + copies);
        }
    }

    @Test
    void withoutBalancingEveryExampleAtOrAboveTheFloorIsKeptOnce() {
        float[] confidences = {0.2f, 0.3f, 0.9f, 0.29999f};

        assertArrayEquals(new int[] {0, 1, 1, 0}, ClassBalancer.filter(confidences, 0.3));
    }

    @Test
    void rejectsLabelsOutOfRangeAndMismatchedLengths() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ClassBalancer.balance(new int[] {2}, new float[] {0.5f}, 2, 1, 0.3, new Random(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> ClassBalancer.balance(new int[] {0}, new float[] {0.5f, 0.4f}, 2, 1, 0.3, new Random(1)));
    }
}
