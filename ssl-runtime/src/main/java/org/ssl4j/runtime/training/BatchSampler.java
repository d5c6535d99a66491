package org.ssl4j.runtime.training;

import java.util.Random;

/**
 * An endless, seeded stream of example indices of one split: a fresh random permutation each
 * pass (epoch), read in order, so every example is seen once per pass. A batch larger than the
 * split wraps into the next permutation.
 */
final class BatchSampler {

    private final Random random;
    private final int[] order;
    private int position;

    /**
     * @param size the split's size, at least 1
     * @param seed the stream's seed
     */
    BatchSampler(long size, long seed) {
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("split size must be in [1, 2^31), got " + size);
        }
        this.random = new Random(seed);
        this.order = new int[(int) size];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle();
    }

    /**
     * @param count how many indices
     * @return the next {@code count} indices
     */
    long[] next(int count) {
        long[] indices = new long[count];
        for (int i = 0; i < count; i++) {
            if (position == order.length) {
                shuffle();
            }
            indices[i] = order[position++];
        }
        return indices;
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = 0;
    }
}
