package org.ssl4j.noisystudent;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.testkit.fixtures.BlockNetwork;

/**
 * Test networks whose first predictions are their inputs: a linear layer from {@code (N, K)}
 * vectors to K logits that starts as the identity (weight I, bias 0), updated by the kit's
 * hand-written SGD.
 */
final class IdentityLinear {

    private IdentityLinear() {}

    /** A linear layer to the class logits. */
    record LinearBackbone() implements BackboneConfig {
        @Override
        public Block build(DataSpec data) {
            return Linear.builder().setUnits(data.classes()).build();
        }
    }

    /**
     * @param name the network's name
     * @param data K, which must equal the example width
     * @param manager holds the parameters; the test closes it
     * @param learningRate the SGD step size
     * @return the network, weight I and bias 0
     */
    static BlockNetwork network(String name, DataSpec data, NDManager manager, float learningRate) {
        BlockNetwork network = new BlockNetwork(name, new LinearBackbone(), data, manager, 0, true, learningRate);
        int classes = data.classes();
        for (Parameter parameter : network.block().getParameters().values()) {
            float[] values = new float[(int) parameter.getArray().size()];
            if (parameter.getType() == Parameter.Type.WEIGHT) {
                for (int i = 0; i < classes; i++) {
                    values[i * classes + i] = 1;
                }
            }
            BlockNetwork.assign(parameter.getArray(), values);
        }
        return network;
    }
}
