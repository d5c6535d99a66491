package org.ssl4j.api.method;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.ssl4j.api.data.SslData;

/**
 * What a phase gets when it begins, for work done once per phase (Noisy Student labels the
 * whole unlabeled pool here). Valid only during {@link Phase#begin}.
 */
public interface PhaseContext {

    /**
     * @return the run's data; the unlabeled split's labels (if any) must not be used for
     *     training
     */
    SslData data();

    /**
     * @return a manager that lives as long as the phase; closed by the runtime when it ends
     */
    NDManager manager();

    /**
     * @return a generator seeded from the run's seed and the phase
     */
    Random random();

    /**
     * Whether the phase is re-entered from a checkpoint rather than started: its networks and the
     * method's state are already restored to the checkpoint's step, so {@link Phase#begin} must
     * rebuild only what it derives from them (e.g. a labelled pool) and must not reset or copy
     * networks. The default is false.
     *
     * @return true when the run resumes inside this phase
     */
    default boolean resumed() {
        return false;
    }

    /**
     * The run's folder, where a phase may write files of its own, in a sub-folder it names
     * (Noisy Student writes {@code pseudo-labels/round-K.csv}). Added in SPI 1.1.
     *
     * @return the folder, or empty (the default) when the run keeps no folder
     */
    default Optional<Path> runFolder() {
        return Optional.empty();
    }
}
