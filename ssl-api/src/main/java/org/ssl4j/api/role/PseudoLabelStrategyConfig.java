package org.ssl4j.api.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Config of a pseudo-label strategy, selected by {@code ...pseudoLabels.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface PseudoLabelStrategyConfig {

    /**
     * @return the strategy
     */
    PseudoLabelStrategy create();
}
