package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;
import org.ssl4j.api.method.LabeledBatch;

/**
 * The forward passes an auxiliary loss may use, from one network in one step. Logits carry the
 * gradient of the forward pass; any of them is null when the method did not compute it.
 *
 * @param labeled the labeled batch
 * @param labeledLogits {@code (B, K)} logits on the labeled inputs
 * @param weakLogits {@code (U, K)} logits on the weak unlabeled view
 * @param strongLogits {@code (U, K)} logits on the strong unlabeled view
 */
public record AuxiliaryInputs(
        LabeledBatch labeled, NDArray labeledLogits, NDArray weakLogits, NDArray strongLogits) {}
