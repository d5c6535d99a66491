package org.ssl4j.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.ssl4j.api.data.Augmentation;

/**
 * Adds independent noise drawn from {@code N(0, std^2)} to every value of a batch. The noise
 * comes from the engine's generator ({@code Engine.getInstance().setRandomSeed} seeds it), on
 * the batch's device, in the batch's data type.
 */
public final class GaussianNoise implements Augmentation {

    private final float std;

    /**
     * @param std the standard deviation of the noise, &gt; 0
     */
    public GaussianNoise(float std) {
        this.std = std;
    }

    /**
     * Returns {@code batch + noise}.
     *
     * @param batch inputs of any shape; not modified
     * @param random not used: the noise comes from the engine's generator
     * @return a new array of the batch's shape and type, in the batch's manager
     */
    @Override
    public NDArray apply(NDArray batch, Random random) {
        try (NDArray noise =
                batch.getManager().randomNormal(0f, std, batch.getShape(), batch.getDataType())) {
            return batch.add(noise);
        }
    }
}
