package org.ssl4j.api.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/**
 * What a phase gets when it begins. A phase sees the labeled examples and the unlabeled
 * examples without their labels; the test split is the runtime's, which evaluates.
 */
public interface PhaseContext {

    /**
     * @return every labeled training example as stored (no augmentation), in the run's manager;
     *     read, do not close
     */
    LabeledBatch labeledSet();

    /**
     * @return every unlabeled training example as stored {@code (N, ...exampleShape)}, in the
     *     run's manager; read, do not close
     */
    NDArray unlabeledSet();

    /**
     * @return a manager that lives as long as the phase (for arrays the phase keeps across its
     *     steps, such as a labelled set)
     */
    NDManager manager();

    /**
     * @return a generator seeded from the run's seed and the phase; the same in a resumed run
     */
    Random random();

    /**
     * @return true when the phase begins again in a new process after a resume from a checkpoint
     *     taken inside it, so that work whose result is already in the restored networks is not
     *     redone (a copy of another network). The default is false.
     */
    default boolean resumed() {
        return false;
    }

    /**
     * @return where the phase hands files it produces; the default discards them
     */
    default Artifacts artifacts() {
        return Artifacts.NONE;
    }
}
