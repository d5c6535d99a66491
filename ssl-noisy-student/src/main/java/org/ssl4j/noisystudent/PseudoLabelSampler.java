package org.ssl4j.noisystudent;

import java.util.Random;

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
