package org.ssl4j.optim;

import ai.djl.training.tracker.Tracker;

/**
 * Linear warm-up, then cosine decay. With base rate {@code b}, {@code W} warm-up steps, {@code T}
 * total steps and final factor {@code f}, the rate of update {@code t} (0-based) is
 *
 * <pre>
 *   b * (t + 1) / W                                                  for t &lt; W
 *   b * (f + (1 - f) * 0.5 * (1 + cos(pi * (t - W) / max(1, T - W))))  for W &lt;= t &lt; T
 *   b * f                                                            for t &gt;= T
 * </pre>
 *
 * <p>Past the last step the rate stays at its final value instead of rising again.
 */
public final class CosineSchedule implements Tracker {

    private final float baseLearningRate;
    private final long totalSteps;
    private final int warmupSteps;
    private final double finalFactor;

    /**
     * @param baseLearningRate the peak rate {@code b}, reached at the end of the warm-up
     * @param totalSteps the number of updates {@code T} the schedule spans
     * @param warmupSteps the number of warm-up updates {@code W}, at least 0
     * @param finalFactor the factor {@code f} in [0, 1] of the rate at the end
     */
    public CosineSchedule(
            float baseLearningRate, long totalSteps, int warmupSteps, double finalFactor) {
        this.baseLearningRate = baseLearningRate;
        this.totalSteps = totalSteps;
        this.warmupSteps = warmupSteps;
        this.finalFactor = finalFactor;
    }

    /**
     * @param numUpdate the 0-based index of the update
     * @return the learning rate of that update
     */
    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate < warmupSteps) {
            return (float) ((double) baseLearningRate * (numUpdate + 1) / warmupSteps);
        }
        double decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (numUpdate - warmupSteps) / decaySteps);
        double factor = finalFactor + (1 - finalFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (baseLearningRate * factor);
    }
}
