package org.ssl4j.data.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.ssl4j.api.data.Augmentation;

/**
 * Swap noise (the denoising-autoencoder noise of tabular competitions): each value of a batch
 * of rows {@code (N, D)} is, with probability {@code p}, replaced by the value of the same column
 * in a row drawn uniformly from the batch. The replacement keeps each column's distribution (a
 * categorical one-hot column gets a value the column takes), unlike additive noise. Which values
 * are swapped and from which rows comes from the engine's generator, seeded every step.
 */
public final class SwapNoise implements Augmentation {

    private final float p;

    /**
     * @param p the probability of swapping a value, in [0, 1]
     */
    public SwapNoise(float p) {
        this.p = p;
    }

    /**
     * Returns the batch with swapped values.
     *
     * @param batch rows of shape {@code (N, D)}; not modified
     * @param random not used: the draws come from the engine's generator
     * @return a new array of the batch's shape and type, in the batch's manager
     */
    @Override
    public NDArray apply(NDArray batch, Random random) {
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            long rows = batch.getShape().get(0);
            NDArray swap = scratch.randomUniform(0f, 1f, batch.getShape(), DataType.FLOAT32).lt(p);
            NDArray from = scratch.randomInteger(0, rows, batch.getShape(), DataType.INT64);
            NDArray drawn = batch.gather(from, 0);
            NDArray out = NDArrays.where(swap, drawn, batch);
            out.attach(manager);
            return out;
        }
    }
}
