package org.ssl4j.runtime.training;

import java.util.Random;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * An endless, seeded stream of example indices of one split: a fresh random permutation each
 * pass (epoch), read in order, so every example is seen once per pass. A batch larger than the
 * split wraps into the next permutation.
 *
 * <p>Checkpoints: the position is the number of permutations drawn and the place in the
 * current one; restoring draws the same permutations again from the seed (time linear in the
 * indices served so far, a few milliseconds per million), so no generator state is stored.
 */
final class BatchSampler {

    private final long seed;
    private final Random random;
    private final int[] order;
    private int position;
    private long shuffles;

    /**
     * @param size the split's size, at least 1
     * @param seed the stream's seed
     */
    BatchSampler(long size, long seed) {
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("split size must be in [1, 2^31), got " + size);
        }
        this.seed = seed;
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

    /**
     * Writes {@code size}, {@code seed}, {@code shuffles} and {@code position}.
     *
     * @param state where to write
     */
    void saveState(StateWriter state) {
        state.putLong("size", order.length);
        state.putLong("seed", seed);
        state.putLong("shuffles", shuffles);
        state.putLong("position", position);
    }

    /**
     * Moves a fresh sampler (one that has served nothing) to a saved position.
     *
     * @param state what {@link #saveState} wrote for a sampler of the same split and seed
     * @throws IllegalStateException when the split or the seed differ, or this sampler has
     *     already served indices
     */
    void restoreState(StateReader state) {
        if (state.getLong("size") != order.length || state.getLong("seed") != seed) {
            throw new IllegalStateException(
                    "the checkpoint's data order is for a split of " + state.getLong("size")
                            + " examples with seed " + state.getLong("seed") + ", this run has "
                            + order.length + " with seed " + seed);
        }
        if (shuffles != 1 || position != 0) {
            throw new IllegalStateException("a sampler can only be restored before it serves indices");
        }
        long target = state.getLong("shuffles");
        while (shuffles < target) {
            shuffle();
        }
        position = Math.toIntExact(state.getLong("position"));
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = 0;
        shuffles++;
    }
}
