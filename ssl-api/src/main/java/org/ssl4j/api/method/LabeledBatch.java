package org.ssl4j.api.method;

import ai.djl.ndarray.NDArray;

/**
 * The labeled part of a step, owned by the step's manager.
 *
 * @param inputs {@code (B, ...exampleShape)} float32, with the weak augmentation applied
 * @param labels {@code (B)} int32 class ids
 * @param indices each example's index in the labeled split
 */
public record LabeledBatch(NDArray inputs, NDArray labels, long[] indices) {}
