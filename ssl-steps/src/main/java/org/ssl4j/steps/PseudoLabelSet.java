package org.ssl4j.steps;

import java.util.Arrays;

/**
 * A pseudo-labelled set (a Noisy Student round's, or one read from a file): the teacher's predictions for every unlabeled example and how
 * many copies of each the student trains on (0 for the examples the filter dropped).
 *
 * @param predictions the teacher's labels, confidences and distributions
 * @param copies the copies of each example, same length, each at least 0
 */
public record PseudoLabelSet(TeacherPredictions predictions, int[] copies) {

    /** Checks that there is one non-negative count per example. */
    public PseudoLabelSet {
        if (copies.length != predictions.size()) {
            throw new IllegalArgumentException(
                    predictions.size() + " predictions but " + copies.length + " copy counts");
        }
        for (int count : copies) {
            if (count < 0) {
                throw new IllegalArgumentException("copies must be at least 0, got " + count);
            }
        }
    }

    /**
     * @return the size of the student's pseudo-labelled set, duplicates counted
     */
    public long total() {
        return Arrays.stream(copies).asLongStream().sum();
    }

    /**
     * @return the unlabeled indices of the set with every copy spelled out: index {@code i}
     *     appears {@code copies[i]} times, in index order
     */
    public int[] expanded() {
        int[] expanded = new int[Math.toIntExact(total())];
        int position = 0;
        for (int i = 0; i < copies.length; i++) {
            for (int c = 0; c < copies[i]; c++) {
                expanded[position++] = i;
            }
        }
        return expanded;
    }

    /**
     * @return per class, the set's size counted with copies (what the student sees per class)
     */
    public long[] perClass() {
        long[] counts = new long[predictions.classes()];
        for (int i = 0; i < copies.length; i++) {
            counts[predictions.labels()[i]] += copies[i];
        }
        return counts;
    }
}
