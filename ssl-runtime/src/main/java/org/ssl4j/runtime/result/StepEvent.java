package org.ssl4j.runtime.result;

import java.util.Map;

/**
 * One finished step.
 *
 * @param phase the phase's name
 * @param step the step's index within its phase, from 0
 * @param globalStep the step's index within the run, from 0
 * @param totalSteps the run's steps
 * @param losses loss terms by name, read on logging steps only (empty on the others)
 * @param examplesPerSecond examples processed per second, averaged over the run so far
 * @param elapsedSeconds seconds since the first step began
 */
public record StepEvent(
        String phase,
        long step,
        long globalStep,
        long totalSteps,
        Map<String, Double> losses,
        double examplesPerSecond,
        double elapsedSeconds) {

    /** Copies the map. */
    public StepEvent {
        losses = Map.copyOf(losses);
    }

    /**
     * @return true when this step's losses were read
     */
    public boolean logged() {
        return !losses.isEmpty();
    }

    /**
     * @return seconds left at the run's average pace so far
     */
    public double etaSeconds() {
        long done = globalStep + 1;
        return elapsedSeconds / done * (totalSteps - done);
    }
}
