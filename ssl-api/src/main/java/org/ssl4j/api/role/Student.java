package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;

/**
 * The role that learns from labeled data and from a teacher's pseudo labels, and whose accuracy
 * a method usually reports.
 */
public interface Student {

    /**
     * @return the network the student trains
     */
    Network network();

    /**
     * One learning step: forward, loss, backward and {@link Network#update()}. Opens and closes
     * its own gradient collector, so none may be open when it is called.
     *
     * @param labeled the step's labeled batch
     * @param unlabeled the unlabeled view the pseudo labels were made for, {@code (U, ...)}, or
     *     null for a labeled-only step
     * @param labels the teacher's labels for {@code unlabeled}, or null with it
     * @param context the step
     * @return the losses it optimised (and, if it measures them, its labeled loss before and
     *     after the update)
     */
    StudentFeedback learn(
            LabeledBatch labeled, NDArray unlabeled, PseudoLabels labels, StepContext context);
}
