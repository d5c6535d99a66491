package org.ssl4j.api.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Loss functions every SSL plugin needs, written once here so plugins (which may not import each
 * other) do not copy them. All are differentiable in the logits, return one value per example
 * ({@code (N)}), and put their result in the logits' manager.
 */
public final class Losses {

    private Losses() {}

    /**
     * Cross-entropy of logits against class ids, with optional label smoothing: the target is
     * {@code (1 - smoothing) * onehot(label) + smoothing / K}.
     *
     * @param logits {@code (N, K)}
     * @param labels {@code (N)} integer class ids in {@code [0, K)}
     * @param smoothing label smoothing in [0, 1); 0 for plain cross-entropy
     * @return {@code (N)} per-example losses
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, float smoothing) {
        return softCrossEntropy(logits, targets(labels, logits.getShape().get(1), smoothing));
    }

    /**
     * Cross-entropy of logits against target distributions: {@code -sum_k target_k *
     * log_softmax(logits)_k}. No gradient flows into {@code targets}.
     *
     * @param logits {@code (N, K)}
     * @param targets {@code (N, K)} rows that sum to 1
     * @return {@code (N)} per-example losses
     */
    public static NDArray softCrossEntropy(NDArray logits, NDArray targets) {
        return logits.logSoftmax(1).mul(targets.stopGradient()).sum(new int[] {1}).neg();
    }

    /**
     * The mean of {@code values * mask} over all examples (masked-out examples count as zeros,
     * as the SSL literature averages its unlabeled losses).
     *
     * @param values {@code (N)}
     * @param mask {@code (N)} of 0 and 1, or null for no mask
     * @return a scalar
     */
    public static NDArray maskedMean(NDArray values, NDArray mask) {
        return mask == null ? values.mean() : values.mul(mask).mean();
    }

    /**
     * Smoothed one-hot targets.
     *
     * @param labels {@code (N)} integer class ids
     * @param classes K
     * @param smoothing label smoothing in [0, 1)
     * @return {@code (N, K)} float32 targets, no gradient
     */
    public static NDArray targets(NDArray labels, long classes, float smoothing) {
        NDArray onehot = labels.toType(DataType.INT64, false).oneHot((int) classes);
        if (smoothing == 0f) {
            return onehot;
        }
        return onehot.mul(1f - smoothing).add(smoothing / classes);
    }
}
