package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.ssl4j.api.method.Artifacts;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.PhaseContext;

/**
 * The runtime's {@link PhaseContext}: the labeled set and the unlabeled examples (without their
 * labels) of the run's data; the test split stays the runtime's.
 *
 * @param data the run's data
 * @param manager the phase-long manager
 * @param random the phase's generator
 * @param resumed whether the run resumes inside the phase
 * @param artifacts where the phase's files go (the run folder's layout)
 */
record PhaseScope(PreparedData data, NDManager manager, Random random, boolean resumed, Artifacts artifacts)
        implements PhaseContext {

    @Override
    public LabeledBatch labeledSet() {
        return data.labeledSet();
    }

    @Override
    public NDArray unlabeledSet() {
        return data.unlabeledSet();
    }
}
