package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.PhaseContext;

/**
 * The runtime's {@link PhaseContext}.
 *
 * @param data the run's data
 * @param manager the phase-long manager
 * @param random the phase's generator
 * @param resumed whether the run resumes inside the phase
 * @param folder the run's folder
 */
record PhaseScope(SslData data, NDManager manager, Random random, boolean resumed, Path folder)
        implements PhaseContext {

    /**
     * @return the run's folder
     */
    @Override
    public Optional<Path> runFolder() {
        return Optional.of(folder);
    }
}
