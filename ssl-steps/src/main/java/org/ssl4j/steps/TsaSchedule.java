package org.ssl4j.steps;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * Training Signal Annealing (TSA, from UDA: Xie et al. 2019): how the confidence threshold above
 * which a labeled example leaves the supervised loss grows over training. At step {@code t} of
 * {@code T} with {@code K} classes the threshold is {@code eta_t = alpha_t * (1 - 1/K) + 1/K},
 * rising from chance ({@code 1/K}) towards 1, so the model cannot overfit the few labeled
 * examples early on.
 */
public enum TsaSchedule {
    /** No annealing: every labeled example counts (threshold 1). */
    NONE,
    /** {@code alpha_t = t / T}. */
    LINEAR,
    /** {@code alpha_t = 1 - exp(-5 t / T)}: releases the signal early. */
    LOG,
    /** {@code alpha_t = exp(5 (t / T - 1))}: releases the signal late. */
    EXP;

    /**
     * @return the schedule's name in configs: {@code none}, {@code linear}, {@code log} or
     *     {@code exp}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The threshold {@code eta_t}: a labeled example whose predicted probability of its true
     * class is above it is left out of the step's supervised loss.
     *
     * @param step the step's index {@code t}, from 0
     * @param steps the phase's length {@code T}, at least 1
     * @param classes the number of classes {@code K}, at least 1
     * @return {@code eta_t} in {@code [1/K, 1]}; 1 for {@link #NONE}
     * @throws IllegalArgumentException when {@code steps} or {@code classes} is below 1
     */
    public double threshold(long step, long steps, long classes) {
        if (steps < 1 || classes < 1) {
            throw new IllegalArgumentException(
                    "TSA needs at least 1 step and 1 class, got " + steps + " and " + classes);
        }
        double progress = (double) step / steps;
        double chance = 1.0 / classes;
        return switch (this) {
            case NONE -> 1.0;
            case LINEAR -> anneal(progress, chance);
            case LOG -> anneal(1.0 - Math.exp(-5.0 * progress), chance);
            case EXP -> anneal(Math.exp(5.0 * (progress - 1.0)), chance);
        };
    }

    /** {@code alpha * (1 - chance) + chance}: alpha in [0, 1] mapped onto [chance, 1]. */
    private static double anneal(double alpha, double chance) {
        return alpha * (1.0 - chance) + chance;
    }

    /**
     * Reads a config value.
     *
     * @param field the config field, for the error
     * @param value {@code none}, {@code linear}, {@code log} or {@code exp}
     * @return the schedule
     * @throws InvalidConfigException for any other value, listing the allowed ones
     */
    public static TsaSchedule fromConfig(String field, String value) {
        for (TsaSchedule schedule : values()) {
            if (schedule.configName().equals(value)) {
                return schedule;
            }
        }
        List<String> allowed = Arrays.stream(values()).map(TsaSchedule::configName).toList();
        throw new InvalidConfigException(
                field, "must be one of " + allowed + ", got '" + value + "'");
    }
}
