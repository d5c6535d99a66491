package org.ssl4j.testkit;

import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;

/**
 * The kit's {@link StepContext}: one step's manager and batches, as the runtime hands them to a
 * phase.
 *
 * @param phase the phase's name
 * @param step the step's index in the phase
 * @param steps the phase's step count
 * @param manager the step's manager, closed by the kit after the step
 * @param labeled the labeled batch, in {@code manager}
 * @param unlabeledBatch the unlabeled batch in {@code manager}, or null when none was planned
 * @param random the step's seeded generator
 */
record KitStepContext(
        String phase,
        long step,
        long steps,
        NDManager manager,
        LabeledBatch labeled,
        UnlabeledBatch unlabeledBatch,
        Random random)
        implements StepContext {

    @Override
    public UnlabeledBatch unlabeled() {
        if (unlabeledBatch == null) {
            throw new IllegalStateException("phase '" + phase + "' asked for no unlabeled data");
        }
        return unlabeledBatch;
    }

    @Override
    public GradientCollector newGradientCollector() {
        return manager.getEngine().newGradientCollector();
    }
}
