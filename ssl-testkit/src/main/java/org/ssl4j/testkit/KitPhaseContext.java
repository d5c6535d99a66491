package org.ssl4j.testkit;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.PhaseContext;

/**
 * The kit's {@link PhaseContext}.
 *
 * @param data the run's data
 * @param manager the phase's manager, closed by the kit when the phase ends
 * @param random the phase's seeded generator
 */
record KitPhaseContext(SslData data, NDManager manager, Random random) implements PhaseContext {}
