package org.ssl4j.noisystudent;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;

/**
 * Round 0, phase {@code round-0}: the first teacher learns the labeled data alone (the runtime's
 * weak augmentation, the backbone's dropout), with a label-smoothed cross-entropy.
 */
final class TeacherPhase implements Phase {

    /** The phase's name. */
    static final String NAME = "round-0";

    private final Network teacher;
    private final long steps;
    private final BatchPlan batches;
    private final float labelSmoothing;
    private final AtomicReference<Network> evaluated;

    /**
     * @param teacher the network it trains
     * @param steps the phase's steps
     * @param batchSize labeled examples per step
     * @param labelSmoothing of the cross-entropy, in [0, 1)
     * @param evaluated set to the teacher when the phase begins
     */
    TeacherPhase(
            Network teacher,
            long steps,
            int batchSize,
            float labelSmoothing,
            AtomicReference<Network> evaluated) {
        this.teacher = teacher;
        this.steps = steps;
        this.batches = BatchPlan.labeledOnly(batchSize);
        this.labelSmoothing = labelSmoothing;
        this.evaluated = evaluated;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long steps() {
        return steps;
    }

    /**
     * @return labeled examples only
     */
    @Override
    public BatchPlan batches() {
        return batches;
    }

    /**
     * Makes the teacher the evaluated network.
     *
     * @param context unused
     */
    @Override
    public void begin(PhaseContext context) {
        evaluated.set(teacher);
    }

    /**
     * One update of the teacher on the labeled batch.
     *
     * @param context the step
     * @return the loss {@code loss} (the labeled cross-entropy); the examples are the labeled ones
     */
    @Override
    public StepResult step(StepContext context) {
        LabeledBatch labeled = context.labeled();
        NDArray loss;
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray logits = teacher.forward(labeled.inputs(), true);
            loss = Losses.crossEntropy(logits, labeled.labels(), labelSmoothing).mean();
            collector.backward(loss);
        }
        teacher.update();
        return new StepResult(Map.of("loss", loss), labeled.inputs().getShape().get(0));
    }
}
