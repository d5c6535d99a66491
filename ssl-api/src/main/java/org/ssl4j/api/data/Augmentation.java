package org.ssl4j.api.data;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * Makes a randomly perturbed view of a batch (a "weak" or a "strong" augmentation).
 *
 * <p>Implementations work on whole batches with tensor operations, not per element in Java.
 * They must be stateless between calls: all randomness comes from {@code random} or from the
 * engine's seeded generator, so a seeded run repeats.
 */
public interface Augmentation {

    /**
     * Returns a view of {@code batch}.
     *
     * @param batch inputs of shape {@code (N, ...exampleShape)}; not modified
     * @param random the step's generator for decisions made in Java
     * @return a new array of the same shape, owned by {@code batch}'s manager (or {@code batch}
     *     itself for the identity)
     */
    NDArray apply(NDArray batch, Random random);
}
