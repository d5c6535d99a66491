package org.ssl4j.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A network a method trains or consults: a backbone's block with its parameters on the
 * executor's device and, when trainable, its own optimizer. The runtime creates networks
 * ({@link org.ssl4j.api.method.MethodContext#trainable}), keeps their parameters for the whole run
 * and saves them in the run folder.
 *
 * <p>Gradients: parameters of a trainable network record gradients while a gradient collector
 * ({@link org.ssl4j.api.method.StepContext#newGradientCollector()}) is open. Gradients accumulate
 * over {@code backward} calls until {@link #update()} applies and clears them. A frozen network
 * never records gradients.
 */
public interface Network {

    /**
     * @return the name the method gave it (e.g. {@code student}); parameters are saved under it
     */
    String name();

    /**
     * @return the backbone config it was built from (to build a copy of the same shape)
     */
    BackboneConfig backbone();

    /**
     * Runs the network.
     *
     * @param inputs a batch {@code (N, ...exampleShape)}
     * @param training true for the training behaviour of dropout and batch norm (and batch-norm
     *     statistics updates), false for evaluation behaviour
     * @return logits {@code (N, classes)}, owned by {@code inputs}' manager
     */
    NDArray forward(NDArray inputs, boolean training);

    /**
     * Applies one optimizer update with the gradients accumulated since the last update, clears
     * them, and advances the learning-rate schedule. Call it after the gradient collector that
     * computed the gradients is closed.
     *
     * @throws IllegalStateException for a frozen network
     */
    void update();

    /**
     * @return how many updates have been applied
     */
    long updates();

    /**
     * Overwrites this network's parameters with a copy of {@code source}'s (same backbone).
     * Batch-norm running statistics are copied too.
     *
     * @param source a network of the same architecture
     */
    void copyFrom(Network source);

    /**
     * Moves this network's parameters towards {@code source}'s: {@code p = decay * p + (1 -
     * decay) * q} for every parameter pair, running statistics included (an exponential moving
     * average).
     *
     * @param source a network of the same architecture
     * @param decay the weight of the current value, in [0, 1]
     */
    void averageFrom(Network source, float decay);

    /**
     * Scales the accumulated gradients so that their global L2 norm (over every trainable
     * parameter) is at most {@code maxNorm}; call it between the backward pass and {@link
     * #update()}. With replicas, it acts on the gradients the update will apply.
     *
     * @param maxNorm the largest norm, positive
     * @return the norm before clipping
     */
    double clipGradientNorm(double maxNorm);

    /**
     * @param manager where the copies go
     * @return a copy of each trainable parameter, in a fixed order (the order of {@link
     *     #setParameters} and {@link #gradients})
     */
    List<NDArray> parameters(NDManager manager);

    /**
     * Overwrites the trainable parameters (and every replica's), for methods that move a network
     * along a direction and back (finite differences).
     *
     * @param values one array per trainable parameter, in the order of {@link #parameters}
     */
    void setParameters(List<NDArray> values);

    /**
     * @param manager where the copies go
     * @return a copy of each trainable parameter's accumulated gradient, in the order of {@link
     *     #parameters}
     */
    List<NDArray> gradients(NDManager manager);

    /** Sets the accumulated gradients to zero without an update. */
    void zeroGradients();
}
