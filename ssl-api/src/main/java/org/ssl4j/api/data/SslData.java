package org.ssl4j.api.data;

import ai.djl.training.dataset.ArrayDataset;
import java.util.Objects;

/**
 * The splits of a semi-supervised problem, as DJL datasets held in memory.
 *
 * <p>A read of a split gives data of shape {@code (B, ...exampleShape)} (float32) and, except
 * for {@code unlabeled}, labels of shape {@code (B)} (int32); a source may store a split more
 * compactly and convert on read (the image sources keep bytes). The unlabeled split may
 * carry its true labels for diagnostics; the runtime never hands them to a method. As in the SSL
 * literature, the labeled examples may also be in the unlabeled pool.
 *
 * <p>The arrays belong to the manager of the {@link DataContext} they were loaded with, which
 * the runtime closes when the run ends. Read batches with {@link
 * ArrayDataset#getByIndices(ai.djl.ndarray.NDManager, long...)} into a step's manager.
 *
 * <p>{@code validation} was added in SPI 2.1.
 *
 * @param spec shapes, class count and description
 * @param labeled the labeled training examples
 * @param unlabeled the unlabeled training pool
 * @param test held-out examples for evaluation
 * @param validation labeled examples held out of the training pool (in neither the labeled nor
 *     the unlabeled split) for choosing settings without looking at {@code test}, or null when the
 *     source keeps none; the runtime reports accuracy on it beside the test accuracy
 */
public record SslData(
        DataSpec spec, ArrayDataset labeled, ArrayDataset unlabeled, ArrayDataset test, ArrayDataset validation) {

    /** Checks that every split is present and non-empty (the validation split when present). */
    public SslData {
        Objects.requireNonNull(spec, "spec");
        requireNonEmpty("labeled", labeled);
        requireNonEmpty("unlabeled", unlabeled);
        requireNonEmpty("test", test);
        if (validation != null) {
            requireNonEmpty("validation", validation);
        }
    }

    /**
     * Splits without a validation split.
     *
     * @param spec shapes, class count and description
     * @param labeled the labeled training examples
     * @param unlabeled the unlabeled training pool
     * @param test held-out examples for evaluation
     */
    public SslData(DataSpec spec, ArrayDataset labeled, ArrayDataset unlabeled, ArrayDataset test) {
        this(spec, labeled, unlabeled, test, null);
    }

    private static void requireNonEmpty(String name, ArrayDataset split) {
        if (split == null || split.size() == 0) {
            throw new IllegalArgumentException("the " + name + " split is empty");
        }
    }
}
