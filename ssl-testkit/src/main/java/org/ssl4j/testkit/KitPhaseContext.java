package org.ssl4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.util.Random;
import java.util.stream.LongStream;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.PhaseContext;

/**
 * The kit's {@link PhaseContext}: the labeled set and the unlabeled examples of the kit's random
 * data, as views in the phase's manager; artifacts are discarded.
 *
 * @param data the run's data
 * @param manager the phase's manager, closed by the kit when the phase ends
 * @param random the phase's seeded generator
 */
record KitPhaseContext(SslData data, NDManager manager, Random random) implements PhaseContext {

    @Override
    public LabeledBatch labeledSet() {
        Batch all = data.labeled().getByRange(manager, 0, data.labeled().size());
        return new LabeledBatch(
                all.getData().singletonOrThrow(),
                all.getLabels().singletonOrThrow(),
                LongStream.range(0, data.labeled().size()).toArray());
    }

    @Override
    public NDArray unlabeledSet() {
        return data.unlabeled().getByRange(manager, 0, data.unlabeled().size()).getData().singletonOrThrow();
    }
}
