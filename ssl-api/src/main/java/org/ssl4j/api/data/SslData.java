package org.ssl4j.api.data;

import ai.djl.training.dataset.ArrayDataset;
import java.util.Objects;

/**
 * The splits of a semi-supervised problem, as DJL datasets held in memory.
 *
 * <p>Each split's data is one array of shape {@code (N, ...exampleShape)} (float32) and, except
 * for {@code unlabeled}, one label array of shape {@code (N)} (int32). The unlabeled split may
 * carry its true labels for diagnostics; the runtime never hands them to a method. As in the SSL
 * literature, the labeled examples may also be in the unlabeled pool.
 *
 * <p>The arrays belong to the manager of the {@link DataContext} they were loaded with, which
 * the runtime closes when the run ends. Read batches with {@link
 * ArrayDataset#getByIndices(ai.djl.ndarray.NDManager, long...)} into a step's manager.
 *
 * @param spec shapes, class count and description
 * @param labeled the labeled training examples
 * @param unlabeled the unlabeled training pool
 * @param test held-out examples for evaluation
 */
public record SslData(DataSpec spec, ArrayDataset labeled, ArrayDataset unlabeled, ArrayDataset test) {

    /** Checks that every split is present and non-empty. */
    public SslData {
        Objects.requireNonNull(spec, "spec");
        requireNonEmpty("labeled", labeled);
        requireNonEmpty("unlabeled", unlabeled);
        requireNonEmpty("test", test);
    }

    private static void requireNonEmpty(String name, ArrayDataset split) {
        if (split == null || split.size() == 0) {
            throw new IllegalArgumentException("the " + name + " split is empty");
        }
    }
}
