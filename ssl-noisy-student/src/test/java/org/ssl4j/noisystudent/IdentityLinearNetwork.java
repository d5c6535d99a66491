package org.ssl4j.noisystudent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;

/**
 * A test {@link Network}: a linear layer from {@code (N, K)} vectors to K logits that starts as
 * the identity (weight I, bias 0), so its first predictions are the inputs, updated by plain SGD
 * written by hand. Must run where autograd is off outside gradient collectors.
 */
final class IdentityLinearNetwork implements Network {

    /** Its backbone: a linear layer to the class logits. */
    record LinearBackbone() implements BackboneConfig {
        @Override
        public Block build(DataSpec data) {
            return Linear.builder().setUnits(data.classes()).build();
        }
    }

    private final String name;
    private final BackboneConfig backbone;
    private final Block block;
    private final float learningRate;
    private long updates;

    /**
     * @param name the network's name
     * @param backbone recorded, not built (the layer is always linear)
     * @param data K, which must equal the example width
     * @param manager holds the parameters; the test closes it
     * @param learningRate the SGD step size
     */
    IdentityLinearNetwork(
            String name, BackboneConfig backbone, DataSpec data, NDManager manager, float learningRate) {
        this.name = name;
        this.backbone = backbone;
        this.block = new LinearBackbone().build(data);
        this.learningRate = learningRate;
        block.initialize(manager, DataType.FLOAT32, new Shape(1L).addAll(data.exampleShape()));
        for (Parameter parameter : block.getParameters().values()) {
            NDArray array = parameter.getArray();
            if (parameter.getType() == Parameter.Type.WEIGHT) {
                manager.eye(data.classes()).copyTo(array);
            } else {
                array.muli(0);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BackboneConfig backbone() {
        return backbone;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public NDArray forward(NDArray inputs, boolean training) {
        ParameterStore store = new ParameterStore(inputs.getManager(), false);
        return block.forward(store, new NDList(inputs), training).singletonOrThrow();
    }

    @Override
    public void update() {
        for (Parameter parameter : block.getParameters().values()) {
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient();
                    NDArray step = gradient.mul(learningRate)) {
                weight.subi(step);
                gradient.muli(0);
            }
        }
        updates++;
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public void copyFrom(Network source) {
        throw new UnsupportedOperationException("not used by Noisy Student");
    }

    @Override
    public void averageFrom(Network source, float decay) {
        throw new UnsupportedOperationException("not used by Noisy Student");
    }
}
