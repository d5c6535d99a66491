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

    /** Copies the map. */
    public StudentFeedback {
        losses = Map.copyOf(losses);
    }
}
