package org.ssl4j.steps;

/**
 * A teacher whose pseudo labels are given per example of the run's unlabeled split (read from a
 * file, row {@code i} for the example of index {@code i}), so it fits only a split of its size. A
 * {@code teach-and-learn} phase checks it when it begins, before its first step ({@link
 * TeachAndLearnPhase}).
 */
public interface PoolBound {

    /**
     * @param size the number N of examples in the run's unlabeled split
     * @throws IllegalArgumentException naming where the labels come from when they do not give
     *     exactly one row per example of a split of that size
     */
    void checkPool(long size);
}
