package org.ssl4j.api.data;

import ai.djl.ndarray.NDManager;

/**
 * What a data source gets from the runtime when it loads.
 *
 * @param seed the run's seed; a source that samples (a label split, synthetic points) must
 *     derive all its randomness from it, so the same seed gives the same data
 * @param manager the run-long manager the splits' arrays are created in; the runtime closes it
 *     when the run ends, the data source must not
 */
public record DataContext(long seed, NDManager manager) {}
