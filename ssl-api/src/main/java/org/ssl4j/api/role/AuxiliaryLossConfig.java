package org.ssl4j.api.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.ssl4j.api.data.DataSpec;

/** Config of an auxiliary loss, an element of a {@code ...auxiliaryLosses} list. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface AuxiliaryLossConfig {

    /**
     * @param data the data's class count and shapes
     * @return the loss term
     */
    AuxiliaryLoss create(DataSpec data);
}
