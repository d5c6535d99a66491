package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;

/**
 * The phase {@code finetune}: at its start the finetuned network is set to the MPL result (the
 * student, or its moving average), then it learns from labeled batches alone with its own
 * optimizer. Nothing else changes.
 */
final class FinetunePhase implements Phase {

    /** Metric name of the finetune cross-entropy. */
    static final String LOSS = "finetuneLoss";

    private final Network finetuned;
    private final Network source;
    private final long steps;
    private final BatchPlan batches;
    private final float labelSmoothing;
    private boolean begun;

    /**
     * @param finetuned the trainable network this phase trains
     * @param source the network it starts from
     * @param steps the phase's steps
     * @param batchSize labeled examples a step
     * @param labelSmoothing label smoothing in [0, 1)
     */
    FinetunePhase(Network finetuned, Network source, long steps, int batchSize, float labelSmoothing) {
        this.finetuned = finetuned;
        this.source = source;
        this.steps = steps;
        this.batches = BatchPlan.labeledOnly(batchSize);
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public String name() {
        return MplMethod.FINETUNE;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public BatchPlan batches() {
        return batches;
    }

    /**
     * Copies the source's parameters (and batch-norm statistics) into the finetuned network,
     * unless the phase resumes from a checkpoint (the finetuned network is restored then).
     *
     * @param context the phase
     */
    @Override
    public void begin(PhaseContext context) {
        if (!context.resumed()) {
            finetuned.copyFrom(source);
        }
        begun = true;
    }

    /**
     * One supervised step of the finetuned network.
     *
     * @param context the step, labeled only
     * @return {@code finetuneLoss}
     */
    @Override
    public StepResult step(StepContext context) {
        NDArray loss;
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray logits = finetuned.forward(context.labeled().inputs(), true);
            loss = Losses.crossEntropy(logits, context.labeled().labels(), labelSmoothing).mean();
            collector.backward(loss);
        }
        finetuned.update();
        return new StepResult(Map.of(LOSS, loss), context.labeled().inputs().getShape().get(0));
    }

    /**
     * @return the network this phase trains
     */
    Network network() {
        return finetuned;
    }

    /**
     * @return whether {@link #begin} has run, after which the finetuned network is the result
     */
    boolean begun() {
        return begun;
    }
}
