package org.ssl4j.steps;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;

/**
 * Config of the {@code hard} pseudo-label strategy: the teacher's top class, kept when the
 * teacher is confident enough.
 *
 * @param threshold the smallest top-class probability kept, in [0, 1]; default 0 (keep all)
 */
public record HardLabelsConfig(Double threshold) implements PseudoLabelStrategyConfig {

    /** Fills the default and checks the range. */
    public HardLabelsConfig {
        threshold = threshold == null ? 0.0 : threshold;
        Checks.inUnitInterval("threshold", threshold);
    }

    @Override
    public PseudoLabelStrategy create() {
        return new HardLabelStrategy(threshold.floatValue());
    }
}
