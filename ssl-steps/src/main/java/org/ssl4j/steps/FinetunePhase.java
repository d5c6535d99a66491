package org.ssl4j.steps;

import java.util.Map;
import java.util.function.Supplier;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;

/**
 * The finetune phase: when it begins, the finetuned network is set to the network the phases
 * before produced; then it learns from labeled batches alone with its own optimizer. Nothing
 * else changes. Its result is the finetuned network.
 */
final class FinetunePhase extends BasicPhase {

    /** Metric name of the finetune cross-entropy. */
    static final String LOSS = "finetuneLoss";

    private final Network finetuned;
    private final Supplier<Network> source;
    private final float labelSmoothing;
    private boolean begun;

    FinetunePhase(
            String name,
            Network finetuned,
            Supplier<Network> source,
            long steps,
            int batchSize,
            float labelSmoothing) {
        super(name, steps, BatchPlan.labeledOnly(batchSize));
        this.finetuned = finetuned;
        this.source = source;
        this.labelSmoothing = labelSmoothing;
    }

    /**
     * Copies the source's parameters (and batch-norm statistics) into the finetuned network,
     * unless the phase resumes from a checkpoint (the finetuned network is restored then).
     *
     * @param context the phase
     */
    @Override
    public void begin(PhaseContext context) {
        begun = false;
        if (!context.resumed()) {
            finetuned.copyFrom(source.get());
        }
        begun = true;
    }

    /** The finetuned network, restored by the resume, is the result from now on. */
    @Override
    public void passed() {
        begun = true;
    }

    /**
     * @return {@code finetuneLoss}
     */
    @Override
    public StepResult step(StepContext context) {
        return new StepResult(
                Map.of(LOSS, Updates.supervised(finetuned, context.labeled(), labelSmoothing, null, context)),
                context.labeled().inputs().getShape().get(0));
    }

    /**
     * @return the finetuned network once the phase has begun or been passed, else null
     */
    @Override
    public Network result() {
        return begun ? finetuned : null;
    }
}
