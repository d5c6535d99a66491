package org.ssl4j.api.model;

import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.ssl4j.api.data.DataSpec;

/**
 * Config of a network architecture, selected by {@code ...backbone.type}.
 *
 * <p>The input shape and the class count come from the data, not from the config, so one
 * backbone config fits every data set.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface BackboneConfig {

    /**
     * Builds a fresh, uninitialised block. The runtime initialises its parameters (seeded) on
     * the executor's device.
     *
     * @param data the input shape of one example and the number of classes
     * @return a block mapping {@code (N, ...exampleShape)} inputs to {@code (N, classes)} logits
     * @throws org.ssl4j.api.config.InvalidConfigException when the architecture cannot take this
     *     data (e.g. an image backbone given vectors)
     */
    Block build(DataSpec data);
}
