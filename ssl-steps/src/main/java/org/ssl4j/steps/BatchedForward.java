package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.ssl4j.api.model.Network;

/**
 * A network's predictions on a whole set of examples, in batches, in evaluation mode: what a
 * phase runs to store or label a split (Reduced MPL's large teacher, Noisy Student's labeller).
 */
public final class BatchedForward {

    private BatchedForward() {}

    /** What is done with the logits of one batch, before its scratch manager closes. */
    @FunctionalInterface
    public interface Batch {

        /**
         * @param from the index of the batch's first example in the set
         * @param to one past the index of its last example
         * @param logits {@code (to - from, K)}, no gradient recorded by the forward pass, in a
         *     scratch manager closed when this returns; keep what is needed in another manager
         *     or in Java arrays
         */
        void accept(long from, long to, NDArray logits);
    }

    /**
     * Runs {@code network} over {@code examples} in order, {@code batchSize} examples at a time,
     * each batch in a scratch manager under {@code parent} that is closed after {@code batch}.
     *
     * @param network the network, run with {@code training = false}
     * @param examples {@code (N, ...)}; each batch's slice is freed with the batch
     * @param batchSize examples a forward pass, {@code >= 1}
     * @param parent the manager under which each batch's scratch manager opens
     * @param batch called once a batch, in order
     */
    public static void run(Network network, NDArray examples, int batchSize, NDManager parent, Batch batch) {
        long size = examples.getShape().get(0);
        for (long from = 0; from < size; from += batchSize) {
            long to = Math.min(size, from + batchSize);
            try (NDManager scratch = parent.newSubManager()) {
                NDArray inputs = examples.get(new NDIndex("{}:{}", from, to));
                inputs.attach(scratch);
                batch.accept(from, to, network.forward(inputs, false).stopGradient());
            }
        }
    }
}
