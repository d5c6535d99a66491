package org.ssl4j.api.role;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import org.ssl4j.api.nd.Losses;

/**
 * Labels a teacher gives to a batch of unlabeled examples. No gradient flows through any of the
 * arrays; they belong to the step's manager.
 *
 * @param kind whether {@code targets} are class ids or distributions
 * @param targets {@link Kind#HARD}: {@code (U)} int class ids; {@link Kind#SOFT}: {@code (U, K)}
 *     float rows that sum to 1
 * @param mask {@code (U)} float 1 for examples to learn from, 0 for those to ignore
 * @param confidence {@code (U)} float: the teacher's probability of its top class (before any
 *     sharpening)
 */
public record PseudoLabels(Kind kind, NDArray targets, NDArray mask, NDArray confidence) {

    /** The two shapes of pseudo labels. */
    public enum Kind {
        /** One class id per example. */
        HARD,
        /** One distribution over classes per example. */
        SOFT
    }

    /** Checks that nothing is missing. */
    public PseudoLabels {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(confidence, "confidence");
    }

    /**
     * The student's loss on these labels: cross-entropy of {@code logits} against the targets,
     * masked, averaged over all {@code U} examples.
     *
     * @param logits the student's {@code (U, K)} logits on the unlabeled view
     * @param smoothing label smoothing for hard labels (ignored for soft ones)
     * @return a scalar in {@code logits}' manager
     */
    public NDArray loss(NDArray logits, float smoothing) {
        NDArray perExample =
                kind == Kind.HARD
                        ? Losses.crossEntropy(logits, targets, smoothing)
                        : Losses.softCrossEntropy(logits, targets);
        return Losses.maskedMean(perExample, mask);
    }
}
