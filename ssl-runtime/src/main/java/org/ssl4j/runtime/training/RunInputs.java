package org.ssl4j.runtime.training;

/**
 * What a {@link Preflight} hands to the {@link TrainingDriver} of one run.
 *
 * @param data the run's data (the preflight's, shared by the runs of its seed)
 * @param method the run's method, built for it (the driver closes it)
 */
public record RunInputs(PreparedData data, PreparedMethod method) {}
