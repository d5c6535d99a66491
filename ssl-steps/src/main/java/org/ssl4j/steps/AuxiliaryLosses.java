package org.ssl4j.steps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/** Creates a role's auxiliary loss terms and checks that their metric names do not clash. */
public final class AuxiliaryLosses {

    private AuxiliaryLosses() {}

    /**
     * @param field the config path of the list, for errors ({@code auxiliaryLosses})
     * @param configs the role's auxiliary losses
     * @param data the run's data, handed to each config
     * @param reserved the metric names the role reports itself
     * @return the terms, in config order
     * @throws InvalidConfigException when two terms share a name, or a term takes a reserved name
     */
    public static List<AuxiliaryLoss> create(
            String field, List<AuxiliaryLossConfig> configs, DataSpec data, List<String> reserved) {
        List<AuxiliaryLoss> losses = new ArrayList<>();
        Set<String> names = new HashSet<>(reserved);
        for (AuxiliaryLossConfig config : configs) {
            AuxiliaryLoss loss = config.create(data);
            if (!names.add(loss.name())) {
                throw new InvalidConfigException(
                        field,
                        "two loss terms would both be reported as '"
                                + loss.name()
                                + "'; names must differ from each other and from "
                                + reserved);
            }
            losses.add(loss);
        }
        return losses;
    }

    /**
     * @param losses the terms
     * @return whether any term needs the strong view
     */
    public static boolean needStrongView(List<AuxiliaryLoss> losses) {
        return losses.stream().anyMatch(AuxiliaryLoss::needsStrongView);
    }
}
