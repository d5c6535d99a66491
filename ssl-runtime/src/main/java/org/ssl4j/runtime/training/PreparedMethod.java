package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.runtime.network.NetworkFactory;

/**
 * A method built for one run (one seed): its networks, initialised, and its phases. Built once,
 * by {@link Preflight}, and trained by the {@link TrainingDriver} of that run, which closes it.
 *
 * @param name the method's display name
 * @param seed the run's seed
 * @param networks the factory that made its networks (and keeps them, for checkpoints)
 * @param method the method
 * @param phases its phases, in order, at least one
 * @param manager the run's manager: the networks' managers are its sub-managers
 */
public record PreparedMethod(
        String name, long seed, NetworkFactory networks, TrainingMethod method, List<Phase> phases, NDManager manager)
        implements AutoCloseable {

    /** Copies the phases. */
    public PreparedMethod {
        phases = List.copyOf(phases);
    }

    /** Frees the networks. */
    @Override
    public void close() {
        manager.close();
    }
}
