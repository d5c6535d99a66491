package org.ssl4j.mpl;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * A test backbone: {@code Linear(hidden) -> ReLU -> Linear(classes)} on vector inputs.
 *
 * @param hidden the width of the hidden layer
 */
record MlpBackbone(int hidden) implements BackboneConfig {

    @Override
    public Block build(DataSpec data) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(data.classes()).build());
    }
}
