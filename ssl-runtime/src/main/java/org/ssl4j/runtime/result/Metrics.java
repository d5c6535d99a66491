package org.ssl4j.runtime.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classification metrics of one evaluation on the test split.
 *
 * <p>Definitions, for {@code K} classes and the confusion matrix {@code C} ({@code C[t][p]}: test
 * examples of true class {@code t} predicted as {@code p}):
 *
 * <ul>
 *   <li>accuracy: {@code trace(C) / n};
 *   <li>top-5 accuracy: the fraction whose true class is among the 5 highest logits; only for
 *       {@code K > 5} (it is 1 otherwise), else {@code null};
 *   <li>per-class accuracy (recall): {@code C[t][t] / sum_p C[t][p]}, {@code null} for a class
 *       without test examples;
 *   <li>balanced accuracy: the mean per-class accuracy over the classes with test examples;
 *   <li>macro-F1: the mean over the classes that occur as a label or a prediction of {@code 2PR
 *       / (P + R)}, where a class never predicted has precision 0 and a class with {@code P = R =
 *       0} has F1 0 (scikit-learn's {@code f1_score(average='macro', zero_division=0)});
 *   <li>calibration error (ECE): the top-class probability split into {@value #BINS} equal-width
 *       bins over (0, 1], {@code sum_b (n_b / n) |accuracy_b - confidence_b|} (Guo et al., 2017).
 * </ul>
 *
 * @param examples test examples
 * @param accuracy top-1 accuracy
 * @param top5Accuracy top-5 accuracy, {@code null} with 5 classes or fewer
 * @param balancedAccuracy the mean per-class accuracy
 * @param macroF1 the macro-averaged F1 score
 * @param calibrationError the expected calibration error of the top-class probability
 * @param perClassAccuracy per class, in class order; {@code null} for a class without examples
 * @param confusion rows are true classes, columns predicted classes
 */
public record Metrics(
        long examples,
        double accuracy,
        Double top5Accuracy,
        double balancedAccuracy,
        double macroF1,
        double calibrationError,
        List<Double> perClassAccuracy,
        List<List<Long>> confusion) {

    /** Bins of the calibration error. */
    public static final int BINS = 15;
    /** The k of top-k accuracy. */
    public static final int TOP_K = 5;

    /** Copies the lists. */
    public Metrics {
        perClassAccuracy = perClassAccuracy.stream().toList(); // keeps nulls, unlike List.copyOf
        confusion = confusion.stream().map(List::copyOf).toList();
    }

    /**
     * Computes the metrics from per-example outcomes.
     *
     * @param classes the number of classes
     * @param labels true classes
     * @param predicted predicted classes (the top logit)
     * @param confidence the predicted class's probability
     * @param rank how many classes have a higher logit than the true class (0: top-1 right)
     * @return the metrics
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or a class is
     *     out of range
     */
    public static Metrics of(int classes, int[] labels, int[] predicted, float[] confidence, int[] rank) {
        int n = labels.length;
        if (n == 0 || predicted.length != n || confidence.length != n || rank.length != n) {
            throw new IllegalArgumentException(
                    "metrics need as many predictions as labels, at least one; got " + n + " labels, "
                            + predicted.length + " predictions, " + confidence.length + " confidences, "
                            + rank.length + " ranks");
        }
        long[][] matrix = new long[classes][classes];
        long top5 = 0;
        long[] binCount = new long[BINS];
        long[] binCorrect = new long[BINS];
        double[] binConfidence = new double[BINS];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException(
                        "example " + i + ": label " + labels[i] + " or prediction " + predicted[i]
                                + " is not a class in [0, " + classes + ")");
            }
            matrix[labels[i]][predicted[i]]++;
            if (rank[i] < TOP_K) {
                top5++;
            }
            int bin = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(confidence[i] * BINS) - 1));
            binCount[bin]++;
            binConfidence[bin] += confidence[i];
            if (labels[i] == predicted[i]) {
                binCorrect[bin]++;
            }
        }
        long correct = 0;
        long[] support = new long[classes];
        long[] predictedCount = new long[classes];
        for (int t = 0; t < classes; t++) {
            correct += matrix[t][t];
            for (int p = 0; p < classes; p++) {
                support[t] += matrix[t][p];
                predictedCount[p] += matrix[t][p];
            }
        }
        List<Double> perClass = new ArrayList<>();
        double recallSum = 0;
        int withExamples = 0;
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            Double recall = support[c] == 0 ? null : (double) matrix[c][c] / support[c];
            perClass.add(recall);
            if (recall != null) {
                recallSum += recall;
                withExamples++;
            }
            if (support[c] > 0 || predictedCount[c] > 0) {
                present++;
                double precision = predictedCount[c] == 0 ? 0 : (double) matrix[c][c] / predictedCount[c];
                double r = recall == null ? 0 : recall;
                f1Sum += precision + r == 0 ? 0 : 2 * precision * r / (precision + r);
            }
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] - binConfidence[b]) / n;
            }
        }
        List<List<Long>> rows =
                Arrays.stream(matrix).map(row -> Arrays.stream(row).boxed().toList()).toList();
        return new Metrics(
                n,
                (double) correct / n,
                classes > TOP_K ? (double) top5 / n : null,
                recallSum / withExamples,
                f1Sum / present,
                ece,
                perClass,
                rows);
    }
}
