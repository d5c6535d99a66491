package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Supplier;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;

/** The runtime's {@link StepContext}: one step's batches, manager, generator and gradient collectors. */
final class StepScope implements StepContext {

    private final String phase;
    private final long step;
    private final long steps;
    private final NDManager manager;
    private final LabeledBatch labeled;
    private final UnlabeledBatch unlabeled;
    private final Random random;
    private final Supplier<GradientCollector> collectors;
    private NDArray pseudoTargets;
    private NDArray pseudoMask;

    StepScope(
            String phase,
            long step,
            long steps,
            NDManager manager,
            LabeledBatch labeled,
            UnlabeledBatch unlabeled,
            Random random,
            Supplier<GradientCollector> collectors) {
        this.phase = phase;
        this.step = step;
        this.steps = steps;
        this.manager = manager;
        this.labeled = labeled;
        this.unlabeled = unlabeled;
        this.random = random;
        this.collectors = collectors;
    }

    @Override
    public String phase() {
        return phase;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public LabeledBatch labeled() {
        return labeled;
    }

    @Override
    public UnlabeledBatch unlabeled() {
        if (unlabeled == null) {
            throw new IllegalStateException(
                    "phase '" + phase + "' asked for no unlabeled data in its BatchPlan");
        }
        return unlabeled;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public GradientCollector newGradientCollector() {
        return collectors.get();
    }

    /** Keeps the step's pseudo labels for the driver's diagnostics. */
    @Override
    public void pseudoLabeled(NDArray targets, NDArray mask) {
        pseudoTargets = targets;
        pseudoMask = mask;
    }

    /**
     * @return the targets the method reported this step, or null
     */
    NDArray pseudoTargets() {
        return pseudoTargets;
    }

    /**
     * @return the mask the method reported with them, or null
     */
    NDArray pseudoMask() {
        return pseudoMask;
    }
}
