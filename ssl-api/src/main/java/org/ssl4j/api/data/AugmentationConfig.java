package org.ssl4j.api.data;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Config of an augmentation, selected by {@code augment.weak.type} or {@code augment.strong.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface AugmentationConfig {

    /**
     * Creates the augmentation for data of the given spec.
     *
     * @param spec the data's shapes; an augmentation that needs images checks the rank here
     * @return the augmentation
     */
    Augmentation create(DataSpec spec);
}
