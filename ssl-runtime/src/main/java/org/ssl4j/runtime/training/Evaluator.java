package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import org.ssl4j.api.model.Network;
import org.ssl4j.runtime.result.Metrics;

/**
 * Measures a network on a labeled split, in chunks, in evaluation mode: per example the predicted
 * class, the true class, the predicted class's probability and the true class's rank are computed
 * on the device and read to the host once per evaluation; {@link Metrics#of} does the rest.
 *
 * <p>Nothing here draws random numbers: evaluating does not change a seeded run's training.
 */
final class Evaluator {

    private static final int CHUNK = 1024;

    private Evaluator() {}

    /**
     * @param network the network, run with {@code training = false}
     * @param split the examples and their labels
     * @param classes the number of classes
     * @param parent a manager to open the scratch managers under
     * @return the metrics
     */
    static Metrics measure(Network network, ArrayDataset split, int classes, NDManager parent) {
        long size = split.size();
        try (NDManager outcomes = parent.newSubManager()) {
            NDList chunks = new NDList();
            for (long from = 0; from < size; from += CHUNK) {
                try (NDManager scratch = parent.newSubManager();
                        Batch batch = split.getByRange(scratch, from, Math.min(size, from + CHUNK))) {
                    NDArray logits =
                            network.forward(batch.getData().singletonOrThrow(), false).toType(DataType.FLOAT32, false);
                    NDArray labels = batch.getLabels().singletonOrThrow().toType(DataType.INT64, false);
                    NDArray predicted = logits.argMax(1).toType(DataType.FLOAT32, false);
                    NDArray confidence = logits.softmax(1).max(new int[] {1});
                    NDArray trueLogit = logits.mul(labels.oneHot(classes, DataType.FLOAT32)).sum(new int[] {1});
                    NDArray rank = logits.gt(trueLogit.expandDims(1)).toType(DataType.FLOAT32, false).sum(new int[] {1});
                    NDArray chunk =
                            NDArrays.stack(
                                    new NDList(predicted, labels.toType(DataType.FLOAT32, false), confidence, rank), 1);
                    chunk.attach(outcomes);
                    chunks.add(chunk);
                }
            }
            float[] values = NDArrays.concat(chunks).toFloatArray();
            int n = (int) size;
            int[] predicted = new int[n];
            int[] labels = new int[n];
            float[] confidence = new float[n];
            int[] rank = new int[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = (int) values[4 * i];
                labels[i] = (int) values[4 * i + 1];
                confidence[i] = values[4 * i + 2];
                rank[i] = (int) values[4 * i + 3];
            }
            return Metrics.of(classes, labels, predicted, confidence, rank);
        }
    }
}
