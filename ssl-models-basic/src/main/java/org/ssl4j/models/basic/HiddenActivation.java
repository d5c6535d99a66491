package org.ssl4j.models.basic;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.ssl4j.api.config.InvalidConfigException;

/** The activations an {@link MlpConfig} can put after its hidden layers, by config name. */
enum HiddenActivation {
    RELU("relu", Activation::reluBlock),
    TANH("tanh", Activation::tanhBlock),
    SIGMOID("sigmoid", Activation::sigmoidBlock),
    /** Slope 0.01 for negative inputs, PyTorch's default. */
    LEAKY_RELU("leaky-relu", () -> Activation.leakyReluBlock(0.01f));

    private final String configName;
    private final Supplier<Block> factory;

    HiddenActivation(String configName, Supplier<Block> factory) {
        this.configName = configName;
        this.factory = factory;
    }

    /**
     * @param field the config field that holds the name, for the error message
     * @param name the name as written in a config, e.g. {@code leaky-relu}
     * @return the activation of that name
     * @throws InvalidConfigException when no activation has that name; the message lists them
     */
    static HiddenActivation named(String field, String name) {
        for (HiddenActivation activation : values()) {
            if (activation.configName.equals(name)) {
                return activation;
            }
        }
        throw new InvalidConfigException(
                field, "must be one of " + configNames() + ", got '" + name + "'");
    }

    /**
     * @return a new parameter-free block applying this activation element-wise
     */
    Block newBlock() {
        return factory.get();
    }

    private static List<String> configNames() {
        return Arrays.stream(values()).map(activation -> activation.configName).toList();
    }
}
