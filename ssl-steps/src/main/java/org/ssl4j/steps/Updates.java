package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;

/** The end of every training step of one network, and the plain supervised step. */
public final class Updates {

    private Updates() {}

    /**
     * Clips the accumulated gradients (when {@code maxGradNorm} is set) and applies the update.
     * Call it after the gradient collector that computed them is closed.
     *
     * @param network a trainable network
     * @param maxGradNorm the largest global gradient norm, or null for no clipping
     */
    public static void apply(Network network, Double maxGradNorm) {
        if (maxGradNorm != null) {
            network.clipGradientNorm(maxGradNorm);
        }
        network.update();
    }

    /**
     * One supervised step: forward of the labeled inputs in training mode, the mean
     * label-smoothed cross-entropy, backward, clipping and update.
     *
     * @param network a trainable network
     * @param labeled the labeled batch
     * @param labelSmoothing in [0, 1)
     * @param maxGradNorm the largest global gradient norm, or null
     * @param context the step; no gradient collector may be open
     * @return the loss, in the step's manager
     */
    public static NDArray supervised(
            Network network,
            LabeledBatch labeled,
            float labelSmoothing,
            Double maxGradNorm,
            StepContext context) {
        NDArray loss;
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray logits = network.forward(labeled.inputs(), true);
            loss = Losses.crossEntropy(logits, labeled.labels(), labelSmoothing).mean();
            collector.backward(loss);
        }
        apply(network, maxGradNorm);
        return loss;
    }

    /**
     * The mean cross-entropy of a network on a labeled batch in evaluation mode, recording no
     * gradient (batch-norm batch statistics and dropout do not enter it).
     *
     * @param network the network
     * @param labeled the batch
     * @return a scalar in the inputs' manager
     */
    public static NDArray evaluationLoss(Network network, LabeledBatch labeled) {
        NDArray logits = network.forward(labeled.inputs(), false).stopGradient();
        return Losses.crossEntropy(logits, labeled.labels(), 0f).mean();
    }
}
