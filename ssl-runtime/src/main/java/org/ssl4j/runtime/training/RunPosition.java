package org.ssl4j.runtime.training;

import java.util.List;
import org.ssl4j.runtime.result.Evaluation;

/**
 * Where a run stands at a checkpoint, stored as JSON under the key {@code run} of the
 * checkpoint.
 *
 * @param method the method's display name
 * @param seed the run's seed
 * @param globalStep steps done in the run
 * @param phase the index of the phase the last step belonged to
 * @param phaseStep steps done in that phase
 * @param examples examples processed so far (for the examples/s figure)
 * @param elapsedSeconds seconds spent in the step loop so far, over every session
 * @param evaluations every evaluation so far
 */
record RunPosition(
        String method,
        long seed,
        long globalStep,
        int phase,
        long phaseStep,
        long examples,
        double elapsedSeconds,
        List<Evaluation> evaluations) {}
