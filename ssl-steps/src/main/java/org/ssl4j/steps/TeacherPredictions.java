package org.ssl4j.steps;

/**
 * A teacher's predictions for every example of the unlabeled split, in Java arrays (so they
 * outlive the arrays of the phase that made them).
 *
 * @param classes the number of classes K
 * @param labels the predicted class (argmax) of each of the N examples
 * @param confidences the probability of that class, {@code max softmax(z)}, per example
 * @param distributions {@code softmax(z / T)} row by row, {@code N * K} values (the soft
 *     targets)
 */
public record TeacherPredictions(int classes, int[] labels, float[] confidences, float[] distributions) {

    /** Checks that the arrays agree in length. */
    public TeacherPredictions {
        if (confidences.length != labels.length
                || distributions.length != (long) labels.length * classes) {
            throw new IllegalArgumentException(
                    "predictions of " + labels.length + " examples need as many confidences and "
                            + labels.length + " x " + classes + " probabilities, got "
                            + confidences.length + " and " + distributions.length);
        }
    }

    /**
     * @return the number of examples N
     */
    public int size() {
        return labels.length;
    }
}
