package org.ssl4j.runtime.network;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.runtime.registry.ComponentNames;

/**
 * The runtime's {@link MethodContext}: builds, initialises and keeps the networks of one run.
 * Each network gets its own sub-manager of the run's manager, closed with it.
 *
 * <p>On an executor with several devices every network is data parallel ({@link Replicas}), and
 * the gradient collectors of the run's steps come from {@link #newGradientCollector()} so that
 * backward passes reach the replicas.
 */
public final class NetworkFactory implements MethodContext {

    private final DataSpec data;
    private final Budget budget;
    private final ComponentNames names;
    private final long seed;
    private final NDManager runManager;
    private final Map<String, DjlNetwork> networks = new LinkedHashMap<>();
    private StateReader pendingState;
    private final Set<String> pendingNames = new HashSet<>();
    private final Set<String> overOtherInputs = new HashSet<>();
    private final NonFiniteGradients nonFinite = new NonFiniteGradients();
    private final List<Device> replicaDevices;
    private final GradientBridges bridges = new GradientBridges();
    private boolean beforeRestore;
    private FinishedRuns finishedRuns;

    /**
     * A factory of single-device networks that names configs by their class ({@link #nameOf}).
     *
     * @param data the data's shapes
     * @param budget the run's budget
     * @param seed the run's seed
     * @param runManager the run-long manager on the executor's device
     */
    public NetworkFactory(DataSpec data, Budget budget, long seed, NDManager runManager) {
        this(data, budget, seed, runManager, List.of(runManager.getDevice()), null);
    }

    /**
     * A factory of networks replicated on several devices (data parallel) when {@code devices}
     * has more than one.
     *
     * @param data the data's shapes
     * @param budget the run's budget
     * @param seed the run's seed
     * @param runManager the run-long manager on the primary device
     * @param devices the executor's devices, the primary first (a device may repeat)
     * @param names the registered names of component configs, for {@link #nameOf}; null names
     *     every config by its class
     */
    public NetworkFactory(
            DataSpec data,
            Budget budget,
            long seed,
            NDManager runManager,
            List<Device> devices,
            ComponentNames names) {
        this.data = data;
        this.budget = budget;
        this.seed = seed;
        this.runManager = runManager;
        this.replicaDevices = List.copyOf(devices.subList(1, devices.size()));
        this.names = names;
    }

    @Override
    public DataSpec data() {
        return data;
    }

    @Override
    public Budget budget() {
        return budget;
    }

    /**
     * @return the name the config is registered under; its class's simple name when it is not
     *     registered (a config a method builds itself)
     */
    @Override
    public String nameOf(Object config) {
        if (names != null) {
            try {
                return names.nameOf(config);
            } catch (IllegalArgumentException e) {
                // not registered: the default below
            }
        }
        return config.getClass().getSimpleName();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Network trainable(
            String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps) {
        Checks.required("optimizer", optimizer);
        Checks.positive("totalSteps", totalSteps);
        return register(name, backbone, create(optimizer, totalSteps), data);
    }

    @Override
    public Network trainable(
            String name,
            BackboneConfig backbone,
            OptimizerConfig optimizer,
            long totalSteps,
            DataSpec inputs) {
        Checks.required("optimizer", optimizer);
        Checks.positive("totalSteps", totalSteps);
        return register(name, backbone, create(optimizer, totalSteps), inputs);
    }

    /**
     * Closes the network's manager (parameters, gradients, optimizer state) and forgets it, so
     * the run folder does not save it.
     *
     * @param network a network of this factory, not used afterwards
     * @throws IllegalArgumentException when this factory did not make it or released it already
     */
    @Override
    public void release(Network network) {
        DjlNetwork known = networks.get(network.name());
        if (known != network) {
            throw new IllegalArgumentException(
                    "network '" + network.name() + "' is not a live network of this run");
        }
        networks.remove(network.name());
        overOtherInputs.remove(network.name());
        known.manager().close();
    }

    @Override
    public Network frozen(String name, BackboneConfig backbone) {
        return register(name, backbone, null, data);
    }

    /**
     * @return the live networks that classify the data's examples (not those made over other
     *     inputs, such as Reduced MPL's small teacher), by name, in creation order
     */
    public Map<String, DjlNetwork> classifiers() {
        Map<String, DjlNetwork> over = new LinkedHashMap<>(networks);
        over.keySet().removeAll(overOtherInputs);
        return over;
    }

    /**
     * @return the networks made so far, by name, in creation order
     */
    public Map<String, DjlNetwork> networks() {
        return Collections.unmodifiableMap(networks);
    }

    /**
     * Restores the networks of a checkpoint whose live networks were {@code saved}: a live
     * network among them gets its state now; a live network not among them was released before
     * the checkpoint and is released again; a saved network the method has not created yet (one
     * made when a later phase begins) gets its state when it is created.
     *
     * @param state the checkpoint's networks, keyed {@code NAME.}
     * @param saved the names of the networks that were live when it was written
     */
    public void restoreFrom(StateReader state, Set<String> saved) {
        for (DjlNetwork network : List.copyOf(networks.values())) {
            if (saved.contains(network.name())) {
                network.restoreState(state.under(network.name() + "."));
            } else {
                release(network);
            }
        }
        beforeRestore = false;
        pendingState = state;
        pendingNames.clear();
        pendingNames.addAll(saved);
        pendingNames.removeAll(networks.keySet());
    }

    /**
     * Sets where backbones' {@code initFrom} values and {@link #fromRun} networks come from;
     * without it both are refused.
     *
     * @param runs the reader of finished runs
     */
    public void finishedRuns(FinishedRuns runs) {
        this.finishedRuns = runs;
    }

    /**
     * Tells the factory that the run resumes from a checkpoint ({@link #restoreFrom} follows):
     * networks made before the restore, and those the checkpoint holds, do not load their
     * backbone's {@code initFrom} (the checkpoint has their values, and the folder {@code
     * initFrom} names may be gone by then). Call it before the method is created.
     */
    public void resuming() {
        this.beforeRestore = true;
    }

    /**
     * Creates a frozen network holding the parameters a finished run saved: the architecture is
     * the one that run's resolved config gives the network ({@code initFrom} of that config
     * resolved too: the run's values replace it, its folder is not read), shapes checked against
     * this run's data. Unlike {@code initFrom}, the folder is read on resume too (the
     * architecture comes from its config).
     *
     * @param name unique within the method
     * @param runFolder the finished run's folder
     * @param network the network's name in that run; null for the network the run reported
     * @return the network, frozen, holding the run's values
     * @throws InvalidConfigException naming what the folder has when it is not a finished run or
     *     lacks the network, or the first parameter that does not fit
     */
    @Override
    public Network fromRun(String name, Path runFolder, String network) {
        Checks.required("runFolder", runFolder);
        if (finishedRuns == null) {
            throw new UnsupportedOperationException("this context cannot read finished runs");
        }
        FinishedRuns.Saved saved;
        try (NDManager scratch = runManager.newSubManager()) {
            saved = finishedRuns.saved(runFolder, network, data, scratch);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("network", e.getMessage());
        }
        DjlNetwork made = (DjlNetwork) register(name, saved.backbone(), null, data);
        try (NDManager scratch = made.manager().newSubManager()) {
            made.loadParameters(saved.parameters(made.block(), scratch));
        } catch (IllegalArgumentException e) {
            release(made);
            throw new InvalidConfigException(
                    "network", "network '" + saved.name() + "' of " + runFolder + ": " + e.getMessage());
        }
        return made;
    }

    /**
     * Opens a gradient collector for a step of this run's networks. On a single device it is the
     * engine's; with replicas its backward passes also back-propagate through them.
     *
     * @return an open collector
     */
    public GradientCollector newGradientCollector() {
        GradientCollector engine = Engine.getInstance().newGradientCollector();
        return replicaDevices.isEmpty() ? engine : bridges.around(engine);
    }

    /** Forgets what the step that just ended left for its backward passes; call it after each step. */
    public void endStep() {
        bridges.clear();
    }

    /**
     * @return where the networks report updates refused for non-finite gradients
     */
    public NonFiniteGradients nonFiniteGradients() {
        return nonFinite;
    }

    private static ResumableOptimizer create(OptimizerConfig config, long totalSteps) {
        ResumableOptimizer optimizer = config.create(totalSteps);
        if (optimizer == null) {
            throw new IllegalStateException(config.getClass().getName() + ".create returned no optimizer");
        }
        return optimizer;
    }

    /** Loads a finished run's parameters into a new network, naming the config field on failure. */
    private void initialise(DjlNetwork network, InitFromBackbone init, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            if (finishedRuns == null) {
                throw new IllegalArgumentException("initFrom is not available here (no reader of finished runs)");
            }
            network.loadParameters(finishedRuns.parameters(init.initFrom(), network.block(), scratch));
        } catch (IllegalArgumentException e) {
            manager.close();
            throw new InvalidConfigException("backbone.initFrom", e.getMessage());
        }
    }

    private Network register(
            String name, BackboneConfig backbone, ResumableOptimizer optimizer, DataSpec inputs) {
        Checks.required("backbone", backbone);
        if (name == null || name.isBlank() || networks.containsKey(name)) {
            throw new IllegalArgumentException(
                    "network names must be unique and non-empty; '" + name + "' is taken or empty");
        }
        Block block;
        try {
            block = backbone.build(inputs);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException("backbone." + e.field(), e.problem());
        }
        NDManager manager = runManager.newSubManager();
        List<Long> dims = new ArrayList<>();
        dims.add(1L);
        for (long d : inputs.exampleShape().getShape()) {
            dims.add(d);
        }
        Shape input = new Shape(dims);
        block.initialize(manager, DataType.FLOAT32, input);
        if (optimizer == null) {
            block.freezeParameters(true);
        }
        Replicas replicas =
                replicaDevices.isEmpty()
                        ? null
                        : Replicas.build(name, backbone, inputs, input, block, replicaDevices, manager, bridges);
        DjlNetwork network = new DjlNetwork(name, backbone, block, manager, optimizer, nonFinite, replicas);
        if (inputs != data) {
            overOtherInputs.add(name);
        }
        if (backbone instanceof InitFromBackbone init && !beforeRestore && !pendingNames.contains(name)) {
            initialise(network, init, manager);
        }
        networks.put(name, network);
        if (pendingNames.remove(name)) {
            network.restoreState(pendingState.under(name + "."));
        }
        return network;
    }
}
