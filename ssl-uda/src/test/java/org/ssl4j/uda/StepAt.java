package org.ssl4j.uda;

import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;

/**
 * A {@link StepContext} that knows only its step, all the loss reads; everything else throws.
 *
 * @param step the step's index
 */
record StepAt(long step) implements StepContext {

    @Override
    public String phase() {
        return "train";
    }

    @Override
    public long steps() {
        return 100;
    }

    @Override
    public NDManager manager() {
        throw new UnsupportedOperationException("the loss must use the logits' manager");
    }

    @Override
    public LabeledBatch labeled() {
        throw new UnsupportedOperationException("the loss must not read the batches");
    }

    @Override
    public UnlabeledBatch unlabeled() {
        throw new UnsupportedOperationException("the loss must not read the batches");
    }

    @Override
    public Random random() {
        throw new UnsupportedOperationException("the loss is deterministic");
    }

    @Override
    public GradientCollector newGradientCollector() {
        throw new UnsupportedOperationException("the method opens the collector");
    }
}
