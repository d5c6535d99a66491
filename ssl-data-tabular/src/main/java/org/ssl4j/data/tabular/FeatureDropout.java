package org.ssl4j.data.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.ssl4j.api.data.Augmentation;

/**
 * Sets each value of a batch to 0 independently with probability {@code p}, without rescaling
 * the others. On standardised columns (the {@code csv} source's default) 0 is the training pool's
 * mean, so a dropped feature reads as "unknown, average". The mask comes from the engine's
 * generator, which the runtime seeds every step.
 */
public final class FeatureDropout implements Augmentation {

    private final float p;

    /**
     * @param p the probability of dropping a value, in [0, 1]
     */
    public FeatureDropout(float p) {
        this.p = p;
    }

    /**
     * Returns the batch with dropped values set to 0.
     *
     * @param batch inputs of any shape; not modified
     * @param random not used: the mask comes from the engine's generator
     * @return a new array of the batch's shape and type, in the batch's manager
     */
    @Override
    public NDArray apply(NDArray batch, Random random) {
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray keep = scratch.randomUniform(0f, 1f, batch.getShape(), batch.getDataType())
                    .gte(p)
                    .toType(batch.getDataType(), false);
            NDArray out = batch.mul(keep);
            out.attach(manager);
            return out;
        }
    }
}
