package org.ssl4j.mpl;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.TrainSettings;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;

/**
 * A test {@link MethodContext} that makes {@link BlockNetwork}s in a manager the test owns and
 * remembers them by name until they are released. Trainable networks need a {@link TestSgd}
 * optimizer.
 */
final class TestMethodContext implements MethodContext {

    private static final int SEED = 42;

    private final DataSpec data;
    private final TrainSettings train;
    private final NDManager manager;
    private final Map<String, BlockNetwork> networks = new LinkedHashMap<>();
    private final List<String> released = new ArrayList<>();

    /**
     * @param data the toy data's spec
     * @param train the budget and batch sizes
     * @param manager holds every network's parameters; the test closes it
     */
    TestMethodContext(DataSpec data, TrainSettings train, NDManager manager) {
        this.data = data;
        this.train = train;
        this.manager = manager;
    }

    @Override
    public DataSpec data() {
        return data;
    }

    @Override
    public TrainSettings train() {
        return train;
    }

    @Override
    public long seed() {
        return SEED;
    }

    @Override
    public Network trainable(
            String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps) {
        float learningRate = ((TestSgd) optimizer).learningRate();
        return register(new BlockNetwork(name, backbone, data, manager, SEED, true, learningRate));
    }

    @Override
    public Network trainable(
            String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps, DataSpec inputs) {
        float learningRate = ((TestSgd) optimizer).learningRate();
        return register(new BlockNetwork(name, backbone, inputs, manager, SEED, true, learningRate));
    }

    @Override
    public void release(Network network) {
        if (networks.remove(network.name()) == null) {
            throw new IllegalArgumentException("no live network named " + network.name());
        }
        released.add(network.name());
    }

    /**
     * @return the names of the networks released so far
     */
    List<String> released() {
        return List.copyOf(released);
    }

    @Override
    public Network frozen(String name, BackboneConfig backbone) {
        return register(new BlockNetwork(name, backbone, data, manager, SEED + 1, false, 0f));
    }

    /**
     * @param name a network's name
     * @return the network made under that name
     */
    BlockNetwork network(String name) {
        BlockNetwork network = networks.get(name);
        if (network == null) {
            throw new IllegalArgumentException("no network named " + name);
        }
        return network;
    }

    private BlockNetwork register(BlockNetwork network) {
        if (networks.putIfAbsent(network.name(), network) != null) {
            throw new IllegalArgumentException("two networks named " + network.name());
        }
        return network;
    }
}
