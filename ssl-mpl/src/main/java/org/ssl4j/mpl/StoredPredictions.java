package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.state.StateReader;

/**
 * A network's log-probabilities on every example of the labeled and the unlabeled split, computed
 * once in evaluation mode on the clean inputs and kept, so the network itself can be freed.
 *
 * @param labeled {@code (N_labeled, K)} log-probabilities, in the order of the labeled split
 * @param unlabeled {@code (N_unlabeled, K)} log-probabilities, in the order of the unlabeled split
 */
record StoredPredictions(NDArray labeled, NDArray unlabeled) {

    /** Examples per forward pass while predicting. */
    static final int BATCH = 256;

    /**
     * @param network the network to run
     * @param labeled the labeled split
     * @param unlabeled the unlabeled split
     * @param manager where the stored arrays go (they live as long as it)
     * @return the predictions
     */
    static StoredPredictions compute(
            Network network, ArrayDataset labeled, ArrayDataset unlabeled, NDManager manager) {
        return new StoredPredictions(
                logProbabilities(network, labeled, manager), logProbabilities(network, unlabeled, manager));
    }

    private static NDArray logProbabilities(Network network, ArrayDataset split, NDManager manager) {
        long size = split.size();
        NDArray result = null;
        for (long start = 0; start < size; start += BATCH) {
            int count = (int) Math.min(BATCH, size - start);
            long[] indices = new long[count];
            for (int i = 0; i < count; i++) {
                indices[i] = start + i;
            }
            try (NDManager batch = manager.newSubManager()) {
                NDArray inputs = split.getByIndices(batch, indices).getData().singletonOrThrow();
                NDArray logits = network.forward(inputs, false).stopGradient().logSoftmax(1);
                if (result == null) {
                    result = manager.zeros(new Shape(size, logits.getShape().get(1)));
                }
                result.set(new NDIndex("{}:{}", start, start + count), logits);
            }
        }
        return result;
    }

    /**
     * The predictions as Java arrays, between a checkpoint's reading and the phase that uses them.
     *
     * @param labeled the labeled rows, flat
     * @param unlabeled the unlabeled rows, flat
     * @param classes the row length
     */
    record OnHeap(float[] labeled, float[] unlabeled, int classes) {

        /**
         * @param state a checkpoint part with {@code predictions.labeled} and {@code
         *     predictions.unlabeled}
         * @return their values
         */
        static OnHeap read(StateReader state) {
            try (NDManager scratch = NDManager.newBaseManager()) {
                NDArray labeled = state.getArray("predictions.labeled", scratch);
                NDArray unlabeled = state.getArray("predictions.unlabeled", scratch);
                return new OnHeap(
                        labeled.toFloatArray(), unlabeled.toFloatArray(), (int) labeled.getShape().get(1));
            }
        }

        /**
         * @param manager where the arrays go
         * @return the predictions as arrays
         */
        StoredPredictions toArrays(NDManager manager) {
            return new StoredPredictions(
                    manager.create(labeled, new Shape(labeled.length / classes, classes)),
                    manager.create(unlabeled, new Shape(unlabeled.length / classes, classes)));
        }
    }

    /**
     * @param stored rows of log-probabilities
     * @param indices which rows
     * @param context the step, whose manager receives the result
     * @return the rows, {@code (indices.length, K)}, in the step's manager
     */
    static NDArray rows(NDArray stored, long[] indices, StepContext context) {
        NDArray index = context.manager().create(indices);
        NDArray rows = stored.get(index);
        rows.attach(context.manager());
        return rows;
    }
}
