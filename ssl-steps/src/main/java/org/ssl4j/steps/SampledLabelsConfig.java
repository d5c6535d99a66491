package org.ssl4j.steps;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;

/**
 * Pseudo labels drawn at random from the teacher's distribution, strategy type {@code sampled}:
 * the REINFORCE reading of the hard MPL rule, where the teacher's label is a sample rather than
 * its argmax.
 *
 * @param temperature the logits are divided by it before the softmax, {@code > 0}; default 1
 */
public record SampledLabelsConfig(Double temperature) implements PseudoLabelStrategyConfig {

    /** Fills the default and checks the range. */
    public SampledLabelsConfig {
        temperature = temperature == null ? 1.0 : temperature;
        Checks.positive("temperature", temperature);
    }

    @Override
    public PseudoLabelStrategy create() {
        return new SampledLabelStrategy(temperature.floatValue());
    }
}
