package org.ssl4j.steps;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;

/**
 * Config of the {@code soft} pseudo-label strategy: the teacher's whole distribution, sharpened
 * by a temperature, kept when the teacher is confident enough.
 *
 * @param temperature divides the logits before the softmax, {@code > 0}; below 1 sharpens;
 *     default 1
 * @param threshold the smallest top-class probability (of the unsharpened softmax) kept, in [0,
 *     1]; default 0 (keep all)
 */
public record SoftLabelsConfig(Double temperature, Double threshold)
        implements PseudoLabelStrategyConfig {

    /** Fills the defaults and checks the ranges. */
    public SoftLabelsConfig {
        temperature = temperature == null ? 1.0 : temperature;
        Checks.positive("temperature", temperature);
        threshold = threshold == null ? 0.0 : threshold;
        Checks.inUnitInterval("threshold", threshold);
    }

    @Override
    public PseudoLabelStrategy create() {
        return new SoftLabelStrategy(temperature.floatValue(), threshold.floatValue());
    }
}
