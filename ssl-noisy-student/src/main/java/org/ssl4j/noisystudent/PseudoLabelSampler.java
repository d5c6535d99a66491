package org.ssl4j.noisystudent;

import java.util.Random;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.steps.PseudoLabelSet;

/**
 * Draws a student's pseudo-labelled examples from its balanced set with copies spelled out
 * ({@link PseudoLabelSet#expanded()}): a random permutation of the whole set, read in order and
 * reshuffled when used up, so each copy is seen once per pass.
 */
final class PseudoLabelSampler {

    private final int[] order;
    private int position;

    /**
     * @param expanded the unlabeled indices, each repeated by its copies; at least one
     * @param random shuffles the first pass
     */
    PseudoLabelSampler(int[] expanded, Random random) {
        if (expanded.length == 0) {
            throw new IllegalArgumentException("the pseudo-labelled set is empty");
        }
        order = expanded.clone();
        shuffle(random);
    }

    /**
     * @param count how many indices
     * @param random shuffles the next pass when this call reaches the end of the current one
     * @return the next {@code count} unlabeled indices (a batch larger than the set wraps)
     */
    long[] next(int count, Random random) {
        long[] indices = new long[count];
        for (int i = 0; i < count; i++) {
            if (position == order.length) {
                shuffle(random);
            }
            indices[i] = order[position++];
        }
        return indices;
    }

    /**
     * @param state where the pass's order and position go
     */
    void saveState(StateWriter state) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(order.length * Integer.BYTES);
        bytes.asIntBuffer().put(order);
        state.putBytes("order", bytes.array());
        state.putLong("position", position);
    }

    /**
     * Continues the pass {@link #saveState} wrote, in a sampler made from the same set.
     *
     * @param state what {@link #saveState} wrote
     * @throws IllegalStateException when it was written for a set of another size
     */
    void restoreState(StateReader state) {
        byte[] bytes = state.getBytes("order");
        if (bytes.length != order.length * Integer.BYTES) {
            throw new IllegalStateException(
                    "the checkpoint's sampler holds " + bytes.length / Integer.BYTES
                            + " indices, the round's set " + order.length);
        }
        java.nio.ByteBuffer.wrap(bytes).asIntBuffer().get(order);
        position = Math.toIntExact(state.getLong("position"));
    }

    private void shuffle(Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = 0;
    }
}
