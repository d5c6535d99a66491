package org.ssl4j.baselines;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/** Creates a method's auxiliary loss terms and checks that their metric names do not clash. */
final class AuxiliaryLosses {

    private AuxiliaryLosses() {}

    /**
     * @param configs the method's {@code auxiliaryLosses}
     * @param data the run's data, handed to each config
     * @return the terms, in config order
     * @throws InvalidConfigException when two terms share a name, or a term takes a name the
     *     student or method reports itself
     */
    static List<AuxiliaryLoss> create(List<AuxiliaryLossConfig> configs, DataSpec data) {
        List<AuxiliaryLoss> losses = configs.stream().map(config -> config.create(data)).toList();
        Set<String> names = new HashSet<>(CrossEntropyStudent.LOSS_NAMES);
        names.add(PseudoLabelMethod.MASK_RATE);
        for (AuxiliaryLoss loss : losses) {
            if (!names.add(loss.name())) {
                throw new InvalidConfigException(
                        "auxiliaryLosses",
                        "two loss terms would both be reported as '"
                                + loss.name()
                                + "'; names must differ from each other and from "
                                + CrossEntropyStudent.LOSS_NAMES
                                + " and "
                                + PseudoLabelMethod.MASK_RATE);
            }
        }
        return losses;
    }

    /**
     * @param losses the terms
     * @return whether any term needs the strong view
     */
    static boolean needStrongView(List<AuxiliaryLoss> losses) {
        return losses.stream().anyMatch(AuxiliaryLoss::needsStrongView);
    }
}
