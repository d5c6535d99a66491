package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.AuxiliaryInputs;

/**
 * The teacher's forward pass of a step, in training mode inside a gradient collector, over the
 * labeled inputs, the weak view (only when an auxiliary loss needs it) and the strong view
 * concatenated, so batch norm sees them together. The recorded graph outlives the collector; the
 * teacher's backward pass runs later in a collector of its own. Every operation on these logits
 * that the backward pass must see has to run inside a collector too.
 */
final class TeacherForward {

    private TeacherForward() {}

    /**
     * @param teacher the teacher network
     * @param weakToo whether the weak view is included
     * @param context the step, with its labeled batch and unlabeled views
     * @return the logits of each part, recording gradients, in the step's manager
     */
    static AuxiliaryInputs run(Network teacher, boolean weakToo, StepContext context) {
        NDArray labeled = context.labeled().inputs();
        NDArray weak = weakToo ? context.unlabeled().weak() : null;
        NDArray strong = context.unlabeled().strong();
        NDList parts = new NDList(labeled);
        if (weak != null) {
            parts.add(weak);
        }
        parts.add(strong);
        long n = labeled.getShape().get(0);
        long u = strong.getShape().get(0);
        NDArray labeledLogits;
        NDArray weakLogits = null;
        NDArray strongLogits;
        try (GradientCollector collector = context.newGradientCollector()) {
            // slices too must be taken with gradients recorded, or they are cut from the graph
            NDArray all = teacher.forward(NDArrays.concat(parts), true);
            labeledLogits = all.get("0:{}", n);
            if (weak != null) {
                weakLogits = all.get("{}:{}", n, n + u);
            }
            strongLogits = all.get("{}:", weak == null ? n : n + u);
        }
        return new AuxiliaryInputs(context.labeled(), labeledLogits, weakLogits, strongLogits);
    }
}
