package org.ssl4j.testkit;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.testkit.fixtures.BlockNetwork;

/**
 * The kit's {@link MethodContext}: makes {@link BlockNetwork}s updated by the optimizer their
 * config creates, each in its own sub-manager of the run's manager, seeded from the run's seed
 * and the network's position.
 */
final class KitMethodContext implements MethodContext {

    private final DataSpec data;
    private final Budget budget;
    private final long seed;
    private final NDManager runManager;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, NDManager> managers = new LinkedHashMap<>();

    /**
     * @param data the data's shapes
     * @param budget the run's budget
     * @param seed the run's seed
     * @param runManager the run-long manager; the caller closes it
     */
    KitMethodContext(DataSpec data, Budget budget, long seed, NDManager runManager) {
        this.data = data;
        this.budget = budget;
        this.seed = seed;
        this.runManager = runManager;
    }

    @Override
    public DataSpec data() {
        return data;
    }

    @Override
    public Budget budget() {
        return budget;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Network trainable(
            String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps) {
        if (optimizer == null) {
            throw new IllegalArgumentException("a trainable network needs an optimizer");
        }
        return register(name, backbone, optimizer, totalSteps, data);
    }

    @Override
    public Network trainable(
            String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps, DataSpec inputs) {
        if (optimizer == null) {
            throw new IllegalArgumentException("a trainable network needs an optimizer");
        }
        return register(name, backbone, optimizer, totalSteps, inputs);
    }

    /**
     * Closes the network's manager and forgets it, as the runtime does.
     *
     * @param network a live network of this context
     */
    @Override
    public void release(Network network) {
        if (networks.get(network.name()) != network) {
            throw new IllegalArgumentException("network '" + network.name() + "' is not live");
        }
        networks.remove(network.name());
        managers.remove(network.name()).close();
    }

    @Override
    public Network frozen(String name, BackboneConfig backbone) {
        return register(name, backbone, null, 0, data);
    }

    private Network register(
            String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps, DataSpec inputs) {
        if (backbone == null) {
            throw new IllegalArgumentException("network '" + name + "' needs a backbone");
        }
        if (name == null || name.isBlank() || networks.containsKey(name)) {
            throw new IllegalArgumentException(
                    "network names must be unique and non-empty; '" + name + "' is taken or empty");
        }
        NDManager manager = runManager.newSubManager();
        Network network = new BlockNetwork(
                name,
                backbone,
                inputs,
                manager,
                (int) seed + networks.size(),
                optimizer == null ? null : optimizer.create(totalSteps));
        networks.put(name, network);
        managers.put(name, manager);
        return network;
    }
}
