package org.ssl4j.runtime.result;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run is about to do.
 *
 * @param method the method's display name
 * @param seed the seed
 * @param runDir the run folder
 * @param phases the phases in order, with their step counts
 * @param data a description of the data
 * @param resumedAt the global step a resumed run continues after (0 for a fresh run)
 */
public record RunStart(
        String method, long seed, Path runDir, List<PhasePlan> phases, String data, long resumedAt) {

    /** Copies the list. */
    public RunStart {
        phases = List.copyOf(phases);
    }

    /**
     * @return the steps of all phases together
     */
    public long totalSteps() {
        return phases.stream().mapToLong(PhasePlan::steps).sum();
    }

    /**
     * A phase's name and length.
     *
     * @param name the phase's name
     * @param steps its steps
     */
    public record PhasePlan(String name, long steps) {}
}
