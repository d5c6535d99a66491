package org.ssl4j.noisystudent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Noisy Student's confidence filter and class balancing, on the teacher's predictions of the
 * whole unlabeled pool (the official {@code noisystudent} recipe):
 *
 * <ol>
 *   <li>group the examples by the teacher's predicted class and sort each class by confidence,
 *       most confident first (ties by index);
 *   <li>per class, find the highest threshold from 1.00 down by 0.01, never below {@code
 *       floor}, at which the class has at least {@code perClass} examples (the floor when none
 *       does); examples below the class's threshold are dropped;
 *   <li>a class with at least {@code perClass} examples left keeps its {@code perClass} most
 *       confident ones, one copy each (frequent classes are down-sampled);
 *   <li>a class with {@code k} examples, {@code 0 < k < perClass}, gives each {@code perClass /
 *       k} copies rounded stochastically: {@code floor(perClass / k)} plus one more with
 *       probability equal to the fraction (rare classes are duplicated); when {@code perClass}
 *       is a multiple of {@code k} no random number is drawn.
 * </ol>
 *
 * Without balancing, every example at or above {@code floor} is kept once. Thresholds and
 * confidences are compared as floats ({@code 0.9f >= 0.90f}).
 */
final class ClassBalancer {

    private static final int STEPS_PER_UNIT = 100;

    private ClassBalancer() {}

    /**
     * Filters and balances.
     *
     * @param labels the teacher's class of each example, in {@code [0, classes)}
     * @param confidences the teacher's probability of that class, one per example
     * @param classes the number of classes
     * @param perClass the target count per class, at least 1
     * @param floor the lowest threshold, in [0, 1]
     * @param random draws the stochastic rounding, class by class in class order and, within a
     *     class, in confidence order
     * @return the copies of each example and each class's threshold
     */
    static Balance balance(
            int[] labels, float[] confidences, int classes, int perClass, double floor, Random random) {
        check(labels, confidences, classes, perClass, floor);
        int[] copies = new int[labels.length];
        float[] thresholds = new float[classes];
        List<List<Integer>> byClass = byClass(labels, confidences, classes);
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            float threshold = threshold(members, confidences, perClass, (float) floor);
            thresholds[c] = threshold;
            int kept = 0;
            while (kept < members.size() && confidences[members.get(kept)] >= threshold) {
                kept++;
            }
            if (kept >= perClass) {
                for (int i = 0; i < perClass; i++) {
                    copies[members.get(i)] = 1;
                }
            } else if (kept > 0) {
                int base = perClass / kept;
                int remainder = perClass % kept;
                double fraction = (double) remainder / kept;
                for (int i = 0; i < kept; i++) {
                    int extra = remainder > 0 && random.nextDouble() < fraction ? 1 : 0;
                    copies[members.get(i)] = base + extra;
                }
            }
        }
        return new Balance(copies, thresholds);
    }

    /**
     * Keeps every example at or above {@code floor}, once, without balancing.
     *
     * @param confidences the teacher's confidence of each example
     * @param floor the threshold, in [0, 1]
     * @return one copy for each example at or above the floor, 0 for the others
     */
    static int[] filter(float[] confidences, double floor) {
        int[] copies = new int[confidences.length];
        for (int i = 0; i < confidences.length; i++) {
            copies[i] = confidences[i] >= (float) floor ? 1 : 0;
        }
        return copies;
    }

    private static float threshold(
            List<Integer> members, float[] confidences, int perClass, float floor) {
        int lowest = (int) Math.ceil(floor * STEPS_PER_UNIT - 1e-4);
        for (int step = STEPS_PER_UNIT; step >= lowest; step--) {
            float candidate = (float) step / STEPS_PER_UNIT;
            if (members.size() >= perClass
                    && confidences[members.get(perClass - 1)] >= candidate) {
                return candidate;
            }
        }
        return floor;
    }

    private static List<List<Integer>> byClass(int[] labels, float[] confidences, int classes) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Comparator<Integer> mostConfidentFirst =
                Comparator.<Integer>comparingDouble(i -> -confidences[i])
                        .thenComparingInt(Integer::intValue);
        byClass.forEach(members -> members.sort(mostConfidentFirst));
        return byClass;
    }

    private static void check(
            int[] labels, float[] confidences, int classes, int perClass, double floor) {
        if (labels.length != confidences.length) {
            throw new IllegalArgumentException(
                    labels.length + " labels but " + confidences.length + " confidences");
        }
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be at least 1, got " + perClass);
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("floor must be in [0, 1], got " + floor);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(
                        "label " + label + " is not in [0, " + classes + ")");
            }
        }
    }

    /**
     * The outcome of {@link #balance}.
     *
     * @param copies how many times each example enters the student's training set (0 for
     *     dropped)
     * @param thresholds each class's confidence threshold (compared in float precision, as the
     *     confidences are floats)
     */
    record Balance(int[] copies, float[] thresholds) {}
}
