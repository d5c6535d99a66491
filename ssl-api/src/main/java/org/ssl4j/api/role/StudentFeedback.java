package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What a student reports after its step, for the method's metrics and for a teacher that learns
 * from the student (Meta Pseudo Labels).
 *
 * @param losses the loss terms the student optimised, scalars by name
 * @param labeledLossBefore the student's loss on the step's labeled batch before its update, or
 *     null when it did not measure it
 * @param labeledLossAfter the same loss after its update (same batch), or null
 */
public record StudentFeedback(
        Map<String, NDArray> losses, NDArray labeledLossBefore, NDArray labeledLossAfter) {

    /** A step in which the student did not learn. */
    public static final StudentFeedback NONE = new StudentFeedback(Map.of(), null, null);

    /** Copies the map and checks that before and after come together. */
    public StudentFeedback {
        losses = Map.copyOf(losses);
        if ((labeledLossBefore == null) != (labeledLossAfter == null)) {
            throw new IllegalArgumentException("give the labeled loss before and after, or neither");
        }
    }

    /**
     * @param losses the loss terms
     * @return feedback without the labeled losses
     */
    public static StudentFeedback of(Map<String, NDArray> losses) {
        return new StudentFeedback(losses, null, null);
    }

    /**
     * @return whether the labeled loss before and after the update is present
     */
    public boolean hasLabeledLoss() {
        return labeledLossBefore != null;
    }
}
