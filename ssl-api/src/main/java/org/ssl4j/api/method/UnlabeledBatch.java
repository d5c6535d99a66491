package org.ssl4j.api.method;

import ai.djl.ndarray.NDArray;

/**
 * The unlabeled part of a step, owned by the step's manager. The same examples in up to three
 * views.
 *
 * @param clean {@code (U, ...exampleShape)} the examples as stored (what Noisy Student's teacher
 *     labels)
 * @param weak the weak augmentation of {@code clean}
 * @param strong the strong augmentation of {@code clean}, or null when the phase's {@link
 *     BatchPlan} did not ask for it
 * @param indices each example's index in the unlabeled split
 */
public record UnlabeledBatch(NDArray clean, NDArray weak, NDArray strong, long[] indices) {}
