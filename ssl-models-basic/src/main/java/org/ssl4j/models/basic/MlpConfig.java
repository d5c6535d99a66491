package org.ssl4j.models.basic;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The {@code mlp} backbone: a multi-layer perceptron on the flattened example, so it takes
 * vectors {@code (D)} and images {@code (C, H, W)} alike. Each hidden layer is a fully connected
 * layer, the activation and, when {@code dropout > 0}, a dropout layer; a last fully connected
 * layer gives the class logits.
 *
 * @param hidden the widths of the hidden layers, in order; default {@code [64, 64]}, each &gt; 0;
 *     an empty list gives a linear model
 * @param activation the hidden layers' activation: {@code relu} (default), {@code tanh}, {@code
 *     sigmoid} or {@code leaky-relu} (slope 0.01)
 * @param dropout the dropout rate after each hidden layer; default 0 (none), in [0, 1)
 */
public record MlpConfig(List<Integer> hidden, String activation, Double dropout)
        implements BackboneConfig {

    /** Applies the defaults and checks the widths, the activation name and the rate. */
    public MlpConfig {
        hidden = hidden == null ? List.of(64, 64) : Checks.listOf("hidden", hidden);
        for (int i = 0; i < hidden.size(); i++) {
            Checks.positive("hidden[" + i + "]", hidden.get(i));
        }
        activation = activation == null ? "relu" : activation;
        HiddenActivation.named("activation", activation);
        dropout = dropout == null ? 0.0 : dropout;
        Checks.belowOne("dropout", dropout);
    }

    /**
     * @param hidden the widths of the hidden layers
     * @return an MLP with the default activation and no dropout
     */
    public static MlpConfig of(List<Integer> hidden) {
        return new MlpConfig(hidden, null, null);
    }

    /**
     * {@inheritDoc}
     *
     * @return a new, uninitialised {@link SequentialBlock}: flatten, then per hidden width a
     *     {@link Linear}, the activation and an optional {@link Dropout}, then a {@link Linear}
     *     to {@code data.classes()} logits
     */
    @Override
    public Block build(DataSpec data) {
        HiddenActivation hiddenActivation = HiddenActivation.named("activation", activation);
        SequentialBlock block = new SequentialBlock();
        block.add(Blocks.batchFlattenBlock());
        for (int width : hidden) {
            block.add(Linear.builder().setUnits(width).build());
            block.add(hiddenActivation.newBlock());
            if (dropout > 0) {
                block.add(Dropout.builder().optRate(dropout.floatValue()).build());
            }
        }
        block.add(Linear.builder().setUnits(data.classes()).build());
        return block;
    }
}
