package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.AuxiliaryInputs;

/**
 * One forward pass of a network over a step's labeled inputs and unlabeled views joined into one
 * batch, so batch norm sees them together, split back into the logits of each part. Every method
 * that trains on more than one part of a step uses it.
 */
public final class JointForward {

    private JointForward() {}

    /**
     * Runs the joined forward pass in training mode. Call it inside the gradient collector whose
     * backward pass uses the logits.
     *
     * @param network the network
     * @param labeled the step's labeled batch; its inputs are the first part when {@code
     *     withLabeled}
     * @param withLabeled whether the labeled inputs are part of the pass
     * @param weak the weak view {@code (U, ...)}, or null
     * @param strong the strong view {@code (U, ...)}, or null
     * @return the logits of each part given (null for the others), in the inputs' manager
     */
    public static AuxiliaryInputs run(
            Network network, LabeledBatch labeled, boolean withLabeled, NDArray weak, NDArray strong) {
        NDList parts = new NDList();
        if (withLabeled) {
            parts.add(labeled.inputs());
        }
        if (weak != null) {
            parts.add(weak);
        }
        if (strong != null) {
            parts.add(strong);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a joined forward pass needs at least one part");
        }
        NDArray all = network.forward(parts.size() == 1 ? parts.head() : NDArrays.concat(parts), true);
        long start = 0;
        NDArray labeledLogits = null;
        NDArray weakLogits = null;
        NDArray strongLogits = null;
        if (withLabeled) {
            start = labeled.inputs().getShape().get(0);
            labeledLogits = parts.size() == 1 ? all : all.get("0:{}", start);
        }
        if (weak != null) {
            long end = start + weak.getShape().get(0);
            weakLogits = parts.size() == 1 ? all : all.get("{}:{}", start, end);
            start = end;
        }
        if (strong != null) {
            strongLogits = parts.size() == 1 ? all : all.get("{}:", start);
        }
        return new AuxiliaryInputs(labeled, labeledLogits, weakLogits, strongLogits);
    }

    /**
     * {@link #run} inside a gradient collector of its own, for a network whose backward pass runs
     * later in another collector (a teacher that labels first and learns after the student). The
     * recorded graph outlives the collector; the slices are taken while it records, or they would
     * be cut from the graph.
     *
     * @param network the network
     * @param context the step, whose labeled batch is the first part
     * @param weak the weak view, or null
     * @param strong the strong view, or null
     * @return the logits of each part, recording gradients
     */
    public static AuxiliaryInputs recorded(
            Network network, StepContext context, NDArray weak, NDArray strong) {
        try (GradientCollector collector = context.newGradientCollector()) {
            return run(network, context.labeled(), true, weak, strong);
        }
    }
}
