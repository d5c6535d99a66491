package org.ssl4j.api.method;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.ssl4j.api.Experimental;
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
    Budget budget();

    /**
     * @return the run's seed
     */
    long seed();

    /**
     * The size N of the run's unlabeled split, the range of {@link UnlabeledBatch#indices()}: for
     * a role whose labels are given per example of the split (the {@code run} teacher's
     * pseudo-label file) to check them before training starts. The runtime knows it when it
     * builds a method for a run; the default, and contexts without loaded data, do not.
     *
     * <p>Added in SPI 2.1.
     *
     * @return N, or empty where the context does not know it
     */
    @Experimental
    default OptionalLong unlabeledSize() {
        return OptionalLong.empty();
    }

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

    /**
     * Creates a frozen network holding the parameters a finished run saved: the architecture is
     * the one that run's resolved config gives the network ({@code initFrom} of that config
     * resolved too), shapes checked against this run's data. Like {@link #frozen}, its parameters
     * change only through {@link Network#copyFrom} and {@link Network#averageFrom}.
     *
     * @param name unique within the method
     * @param runFolder the finished run's folder (for a comparison, one method's seed: {@code
     *     OUT/METHOD/seed-N})
     * @param network the network's name in that run; null for the network the run reported
     *     (the one it evaluated)
     * @return the network, holding the run's parameters
     * @throws org.ssl4j.api.config.InvalidConfigException naming what the folder has when it is
     *     not a finished run or lacks the network
     * @throws UnsupportedOperationException from contexts that cannot read finished runs (the
     *     default)
     */
    default Network fromRun(String name, Path runFolder, String network) {
        throw new UnsupportedOperationException("this context cannot read finished runs");
    }

    /**
     * Creates a network that learns from inputs other than the run's examples, for example a small
     * network over another network's stored predictions (Reduced Meta Pseudo Labels). It may be
     * called during a run (in {@link Phase#begin}) as well as when the method is built.
     *
     * @param name unique within the method
     * @param backbone its architecture, built for {@code inputs}
     * @param optimizer its optimizer and schedule
     * @param totalSteps updates the schedule spans
     * @param inputs the shape of one input and the class count the network is built for
     * @return the network, initialised
     * @throws UnsupportedOperationException from contexts that build over the run's examples
     *     only (the default)
     */
    default Network trainable(
            String name,
            BackboneConfig backbone,
            OptimizerConfig optimizer,
            long totalSteps,
            DataSpec inputs) {
        throw new UnsupportedOperationException(
                "this context builds networks over the run's examples only");
    }

    /**
     * Frees a network's parameters and optimizer state before the run ends, so that a method can
     * drop a network it no longer needs (Reduced Meta Pseudo Labels drops its large teacher once
     * its predictions are stored). The network must not be used afterwards; it is not saved in
     * the run folder. The default does nothing, for contexts that cannot free memory early.
     *
     * @param network a network this context created
     */
    default void release(Network network) {}

    /**
     * The name a component config is registered under, for messages that name a role the way
     * the user typed it ({@code meta}, {@code cross-entropy}).
     *
     * @param config a config object of any component kind
     * @return its registered name, or its class's simple name when it is not registered
     */
    default String nameOf(Object config) {
        return config.getClass().getSimpleName();
    }
}
