package org.ssl4j.testkit;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The kit's backbone {@code testkit-mlp}: flatten, {@code Linear(hidden)}, ReLU,
 * {@code Linear(classes)}. For a method's or teacher's sample when the plugin under test brings
 * no backbone: {@code "backbone": {"type": "testkit-mlp"}}.
 *
 * @param hidden the hidden layer's width, 1 to 4096; default 8
 */
public record MlpBackboneConfig(Integer hidden) implements BackboneConfig {

    /** Fills the default and checks the range. */
    public MlpBackboneConfig {
        hidden = hidden == null ? 8 : (int) Checks.inRange("hidden", hidden, 1, 4096);
    }

    @Override
    public Block build(DataSpec data) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(data.classes()).build());
    }
}
