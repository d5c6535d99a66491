package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.AuxiliaryInputs;

/**
 * The reduced teacher's forward pass: for the step's labeled and unlabeled examples (by their
 * indices in the splits) it reads the large teacher's stored log-probabilities {@code l} and
 * returns {@code l + f(l)}, where {@code f} is the small trainable network. A residual: the
 * reduced teacher starts near the large teacher and learns a correction of it. The unlabeled
 * examples are seen as the large teacher saw them, clean; the logits fill the strong-view slot
 * (the one the student's labels come from) and the weak slot stays empty.
 */
final class ReducedTeacherForward {

    private ReducedTeacherForward() {}

    /**
     * @param reduced the small network over {@code K}-dim log-probabilities
     * @param stored the large teacher's predictions
     * @param context the step
     * @return labeled and strong-view logits recording gradients, in the step's manager
     */
    static AuxiliaryInputs run(Network reduced, StoredPredictions stored, StepContext context) {
        NDArray labeled = StoredPredictions.rows(stored.labeled(), context.labeled().indices(), context);
        NDArray unlabeled =
                StoredPredictions.rows(stored.unlabeled(), context.unlabeled().indices(), context);
        long n = labeled.getShape().get(0);
        NDArray labeledLogits;
        NDArray unlabeledLogits;
        try (GradientCollector collector = context.newGradientCollector()) {
            NDArray inputs = NDArrays.concat(new NDList(labeled, unlabeled));
            NDArray logits = inputs.add(reduced.forward(inputs, true));
            labeledLogits = logits.get("0:{}", n);
            unlabeledLogits = logits.get("{}:", n);
        }
        return new AuxiliaryInputs(context.labeled(), labeledLogits, null, unlabeledLogits);
    }
}
