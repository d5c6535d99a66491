package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.runtime.result.Diagnostics;

/**
 * Gathers what a run with {@code train.diagnostics} reports at its next evaluation: the sums of
 * every step term and the scores of the pseudo labels the method reported, since the last
 * evaluation. The true labels it scores with are the unlabeled pool's, which the driver gathers
 * beside each unlabeled batch and never hands to the method.
 */
final class DiagnosticsRecorder {

    private final Map<String, double[]> terms = new LinkedHashMap<>();
    private long steps;
    private long labels;
    private long correct;
    private long kept;
    private long keptCorrect;

    /**
     * Adds one step's terms.
     *
     * @param values the step's terms, read on the host
     */
    void step(Map<String, Double> values) {
        steps++;
        values.forEach((name, value) -> {
            double[] sums = terms.computeIfAbsent(name, n -> new double[3]);
            sums[0] += value;
            sums[1] += value * value;
            sums[2]++;
        });
    }

    /**
     * Scores one step's pseudo labels (one host read).
     *
     * @param targets {@code (U)} class ids or {@code (U, K)} distributions, scored by their argmax
     * @param mask {@code (U)}, nonzero for a kept label
     * @param truth {@code (U)} the examples' true classes
     * @throws IllegalStateException when the shapes do not fit the step's unlabeled batch
     */
    void pseudoLabels(NDArray targets, NDArray mask, NDArray truth) {
        long count = truth.getShape().get(0);
        if (targets.getShape().get(0) != count || mask.getShape().size() != count) {
            throw new IllegalStateException(
                    "the method reported pseudo labels " + targets.getShape() + " with mask " + mask.getShape()
                            + " for an unlabeled batch of " + count);
        }
        NDArray predicted = targets.getShape().dimension() == 2 ? targets.argMax(1) : targets;
        NDArray right = predicted.toType(DataType.INT64, false).eq(truth.toType(DataType.INT64, false))
                .toType(DataType.FLOAT32, false);
        NDArray keep = mask.reshape(count).gt(0).toType(DataType.FLOAT32, false);
        float[] sums = NDArrays.stack(new NDList(right.sum(), keep.sum(), right.mul(keep).sum())).toFloatArray();
        labels += count;
        correct += Math.round(sums[0]);
        kept += Math.round(sums[1]);
        keptCorrect += Math.round(sums[2]);
    }

    /**
     * Summarises the steps since the last call and starts over.
     *
     * @param phase the phase's name
     * @param step steps done in the phase
     * @param globalStep steps done in the run
     * @param accuracy the test accuracy of each network
     * @return the summary
     */
    Diagnostics finish(String phase, long step, long globalStep, Map<String, Double> accuracy) {
        Map<String, Diagnostics.Term> summary = new LinkedHashMap<>();
        terms.forEach((name, sums) -> {
            double mean = sums[0] / sums[2];
            double variance = Math.max(0, sums[1] / sums[2] - mean * mean);
            summary.put(name, new Diagnostics.Term(mean, Math.sqrt(variance), (long) sums[2]));
        });
        Diagnostics diagnostics = new Diagnostics(
                phase, step, globalStep, accuracy, labels,
                labels == 0 ? null : (double) correct / labels,
                kept == 0 ? null : (double) keptCorrect / kept,
                kept, steps, summary);
        terms.clear();
        steps = 0;
        labels = 0;
        correct = 0;
        kept = 0;
        keptCorrect = 0;
        return diagnostics;
    }
}
