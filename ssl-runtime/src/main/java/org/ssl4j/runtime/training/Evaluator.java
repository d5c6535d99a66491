package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import org.ssl4j.api.model.Network;

/** Measures a network's accuracy on a labeled split, in chunks, in evaluation mode. */
final class Evaluator {

    private static final int CHUNK = 1024;

    private Evaluator() {}

    /**
     * @param network the network, run with {@code training = false}
     * @param split the examples and their labels
     * @param parent a manager to open the scratch manager under
     * @return the fraction classified right
     */
    static double accuracy(Network network, ArrayDataset split, NDManager parent) {
        long size = split.size();
        long correct = 0;
        for (long from = 0; from < size; from += CHUNK) {
            try (NDManager scratch = parent.newSubManager();
                    Batch batch = split.getByRange(scratch, from, Math.min(size, from + CHUNK))) {
                NDArray logits = network.forward(batch.getData().singletonOrThrow(), false);
                NDArray predicted = logits.argMax(1).toType(DataType.INT64, false);
                NDArray labels = batch.getLabels().singletonOrThrow().toType(DataType.INT64, false);
                correct += predicted.eq(labels).sum().toType(DataType.INT64, false).getLong();
            }
        }
        return (double) correct / size;
    }
}
