package org.ssl4j.api.method;

import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;

/**
 * What a method gets when it is created: the data's shapes, the run's budget, and the factory
 * of its networks. The runtime owns every network made here: it places them on the executor's
 * device, seeds their initialisation, saves their parameters and frees them at the end.
 */
public interface MethodContext {

    /**
     * @return input shape and class count of the run's data
     */
    DataSpec data();

    /**
     * @return the run's step budget and batch sizes
     */
    TrainSettings train();

    /**
     * @return the run's seed
     */
    long seed();

    /**
     * Creates a network that learns.
     *
     * @param name unique within the method ({@code student}, {@code teacher})
     * @param backbone its architecture
     * @param optimizer its optimizer and schedule
     * @param totalSteps updates the schedule spans
     * @return the network, initialised
     */
    Network trainable(String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps);

    /**
     * Creates a network that never records gradients (a moving average, a frozen teacher); its
     * parameters change only through {@link Network#copyFrom} and {@link Network#averageFrom}.
     *
     * @param name unique within the method
     * @param backbone its architecture
     * @return the network, initialised
     */
    Network frozen(String name, BackboneConfig backbone);
}
