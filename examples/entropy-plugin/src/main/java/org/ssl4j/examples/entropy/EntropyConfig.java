package org.ssl4j.examples.entropy;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/**
 * Config of the {@code entropy} auxiliary loss: in a method's {@code auxiliaryLosses},
 * {@code {type: entropy, weight: 0.1}}.
 *
 * @param weight the term's weight, at least 0; default 1
 */
public record EntropyConfig(Double weight) implements AuxiliaryLossConfig {

    /** Fills the default and checks the range; a bad weight names the field. */
    public EntropyConfig {
        weight = weight == null ? 1.0 : Checks.nonNegative("weight", weight);
    }

    @Override
    public AuxiliaryLoss create(DataSpec data) {
        return new EntropyLoss(weight.floatValue());
    }
}
