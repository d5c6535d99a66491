package org.ssl4j.mpl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;

/**
 * A test {@link StepContext} over given batches.
 *
 * @param phase the phase's name
 * @param step the step's index
 * @param steps the phase's length
 * @param manager the step's manager, owned by the test
 * @param labeled the labeled batch
 * @param unlabeled the unlabeled batch, or null
 * @param random the step's generator
 */
record TestStepContext(
        String phase,
        long step,
        long steps,
        NDManager manager,
        LabeledBatch labeled,
        UnlabeledBatch unlabeled,
        Random random)
        implements StepContext {

    /**
     * @param step the step's index in a 100-step {@code train} phase
     * @param manager the step's manager
     * @param labeled the labeled batch
     * @param unlabeled the unlabeled batch, or null
     * @return the context
     */
    static TestStepContext of(
            long step, NDManager manager, LabeledBatch labeled, UnlabeledBatch unlabeled) {
        return new TestStepContext(
                "train", step, 100, manager, labeled, unlabeled, new Random(step));
    }

    @Override
    public UnlabeledBatch unlabeled() {
        if (unlabeled == null) {
            throw new IllegalStateException("this step has no unlabeled data");
        }
        return unlabeled;
    }

    @Override
    public GradientCollector newGradientCollector() {
        return Engine.getInstance().newGradientCollector();
    }
}
