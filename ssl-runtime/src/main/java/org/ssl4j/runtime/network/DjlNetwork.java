package org.ssl4j.runtime.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.state.OptimizerState;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * The runtime's {@link Network}: a DJL block whose parameters live in the network's own manager,
 * with an optimizer when it is trainable.
 *
 * <p>Updates run with autograd off and read each gradient through a handle that is closed at
 * once, so a step leaves nothing behind in the network's long-lived manager. An update whose
 * gradients hold NaN or infinity is not applied: the gradients are cleared and the refusal is
 * reported to the run's {@link NonFiniteGradients}.
 *
 * <p>Checkpoints: {@link #saveState} and {@link #restoreState} carry every parameter (batch-norm
 * statistics included) by name, the update count and the optimizer's per-parameter state.
 *
 * <p>Data parallelism: with {@link Replicas}, {@link #forward} splits each batch across the
 * devices, {@link #update()} sums the replicas' gradients into one update, and every change of
 * the parameters (update, copy, average, restore) is copied to the replicas. Everything else
 * (the block, saving, the optimizer) is the primary's.
 */
public final class DjlNetwork implements Network {

    private final String name;
    private final BackboneConfig backbone;
    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final List<String> parameterNames;
    private final NonFiniteGradients nonFinite;
    private final Replicas replicas;
    private long updates;

    /**
     * @param name the method's name for it
     * @param backbone the config it was built from
     * @param block the block, already initialised with its parameters in {@code manager}
     * @param manager the network's long-lived manager (closed by the run, not here)
     * @param optimizer its optimizer, or null for a frozen network or a replica
     * @param nonFinite where refused updates are reported (null for a replica)
     * @param replicas its copies on the executor's other devices, or null on a single device
     */
    DjlNetwork(
            String name,
            BackboneConfig backbone,
            Block block,
            NDManager manager,
            Optimizer optimizer,
            NonFiniteGradients nonFinite,
            Replicas replicas) {
        this.name = name;
        this.nonFinite = nonFinite;
        this.backbone = backbone;
        this.block = block;
        this.manager = manager;
        this.optimizer = optimizer;
        this.parameterStore = new ParameterStore(manager, false);
        this.parameters = block.getParameters().values();
        this.parameterNames = block.getParameters().keys();
        this.replicas = replicas;
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

    /**
     * @return its copies on the executor's other devices, or null on a single device
     */
    Replicas replicas() {
        return replicas;
    }

    /**
     * @return the manager that holds the parameters and optimizer state
     */
    NDManager manager() {
        return manager;
    }

    /**
     * Runs the block. A {@link SequentialBlock} runs child by child, each child in a scratch
     * manager that is closed as soon as its output has been moved to the inputs' manager: the
     * Java handles of the child's intermediate arrays are released at once instead of at the
     * end of the step. Autograd keeps whatever backward needs through its own references, so
     * this is safe while gradients are recorded, and it brings the step's peak memory down to
     * what PyTorch's reference counting gives in Python.
     */
    @Override
    public NDArray forward(NDArray inputs, boolean training) {
        if (replicas != null) {
            return replicas.forward(part -> forwardHere(part, training), inputs, training, parameters);
        }
        return forwardHere(inputs, training);
    }

    /** Runs the block on this network's own device, whatever its replicas. */
    NDArray forwardHere(NDArray inputs, boolean training) {
        return forward(block, new NDList(inputs), training, inputs.getManager()).singletonOrThrow();
    }

    private NDList forward(Block current, NDList inputs, boolean training, NDManager target) {
        if (!(current instanceof SequentialBlock sequence)) {
            return current.forward(parameterStore, inputs, training);
        }
        NDList x = inputs;
        for (Block child : sequence.getChildren().values()) {
            NDList out;
            try (NDManager scratch = target.newSubManager()) {
                x.forEach(array -> array.tempAttach(scratch));
                out = forward(child, x, training, scratch);
                out.forEach(array -> array.attach(target));
            }
            if (x != inputs) {
                for (NDArray array : x) {
                    if (!out.contains(array)) {
                        array.close();
                    }
                }
            }
            x = out;
        }
        return x;
    }

    /**
     * {@inheritDoc}
     *
     * <p>First checks that every gradient is finite (the largest absolute value of each, one
     * read for all); if one is not, no parameter is changed, the gradients are cleared, the
     * refusal goes to {@link NonFiniteGradients} and {@link #updates()} does not advance.
     */
    @Override
    public void update() {
        if (optimizer == null) {
            throw new IllegalStateException("network '" + name + "' is frozen and has no optimizer");
        }
        boolean previous = EngineOps.setGradMode(false);
        boolean applied;
        try (NDManager scratch = manager.newSubManager()) {
            List<Parameter> learning = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<NDArray> gradients = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                Parameter parameter = parameters.get(i);
                if (parameter.requiresGradient()) {
                    NDArray gradient = parameter.getArray().getGradient();
                    gradient.attach(scratch);
                    learning.add(parameter);
                    indices.add(i);
                    names.add(parameterNames.get(i));
                    gradients.add(gradient);
                }
            }
            if (replicas != null) {
                replicas.addGradients(indices, gradients);
            }
            NonFiniteGradients.Refusal refusal = firstNonFinite(names, gradients);
            applied = refusal == null;
            for (int i = 0; i < learning.size(); i++) {
                NDArray weight = learning.get(i).getArray();
                if (applied) {
                    optimizer.update(learning.get(i).getId(), weight, gradients.get(i));
                }
                EngineOps.zeroGradient(weight);
            }
            if (!applied) {
                nonFinite.add(refusal);
            } else if (replicas != null) {
                replicas.copyFrom(parameters, indices);
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        if (applied) {
            updates++;
        }
    }

    /** The first parameter whose gradient is not finite, or null; one host read when all are. */
    private NonFiniteGradients.Refusal firstNonFinite(List<String> names, List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            return null;
        }
        NDList largest = new NDList();
        for (NDArray gradient : gradients) {
            largest.add(gradient.abs().max());
        }
        if (Float.isFinite(NDArrays.stack(largest).max().getFloat())) {
            return null;
        }
        for (int i = 0; i < names.size(); i++) {
            float value = largest.get(i).getFloat();
            if (!Float.isFinite(value)) {
                return new NonFiniteGradients.Refusal(name, names.get(i), value);
            }
        }
        return null;
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public void copyFrom(Network source) {
        List<Pair<NDArray, NDArray>> pairs = pairWith(source);
        boolean previous = EngineOps.setGradMode(false);
        try {
            for (Pair<NDArray, NDArray> pair : pairs) {
                pair.getKey().muli(0).addi(pair.getValue());
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
    }

    @Override
    public void averageFrom(Network source, float decay) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
        }
        List<Pair<NDArray, NDArray>> pairs = pairWith(source);
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = manager.newSubManager()) {
            for (Pair<NDArray, NDArray> pair : pairs) {
                NDArray step = pair.getValue().mul(1 - decay);
                step.attach(scratch);
                pair.getKey().muli(decay).addi(step);
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
    }

    /**
     * Writes the network into a checkpoint: {@code updates}, {@code param.NAME} for every
     * parameter (running statistics included), and {@code optimizer.NAME.*} for every trainable
     * parameter, or {@code optimizer.unsaved} (the optimizer's class) when the optimizer does not
     * implement {@link OptimizerState}. Called between steps.
     *
     * @param state where to write
     */
    public void saveState(StateWriter state) {
        state.putLong("updates", updates);
        for (Pair<String, Parameter> pair : block.getParameters()) {
            state.putArray("param." + pair.getKey(), pair.getValue().getArray());
        }
        if (optimizer instanceof OptimizerState saving) {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    saving.saveState(pair.getValue().getId(), state.under("optimizer." + pair.getKey() + "."));
                }
            }
        } else if (optimizer != null) {
            state.putString("optimizer.unsaved", optimizer.getClass().getName());
        }
    }

    /**
     * Restores what {@link #saveState} wrote, in place, bit for bit.
     *
     * @param state what {@link #saveState} wrote for a network of the same architecture
     * @throws IllegalStateException naming the parameter when one is missing or has another
     *     shape or data type, or when the optimizer's state was not saved
     */
    public void restoreState(StateReader state) {
        if (state.contains("optimizer.unsaved")) {
            throw new IllegalStateException(
                    "network '" + name + "' was checkpointed with an optimizer that cannot save its state ("
                            + state.getString("optimizer.unsaved") + "), so its run cannot resume exactly");
        }
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = manager.newSubManager()) {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                NDArray weight = pair.getValue().getArray();
                String key = "param." + pair.getKey();
                if (!state.contains(key)) {
                    throw new IllegalStateException(
                            "the checkpoint has no parameter '" + pair.getKey() + "' for network '" + name + "'");
                }
                NDArray saved = state.getArray(key, scratch);
                if (!saved.getShape().equals(weight.getShape()) || saved.getDataType() != weight.getDataType()) {
                    throw new IllegalStateException(
                            "parameter '" + pair.getKey() + "' of network '" + name + "' is " + weight.getShape()
                                    + " " + weight.getDataType() + ", the checkpoint has " + saved.getShape()
                                    + " " + saved.getDataType());
                }
                weight.set(saved.toByteBuffer());
                if (optimizer instanceof OptimizerState restoring && pair.getValue().requiresGradient()) {
                    restoring.restoreState(
                            pair.getValue().getId(), state.under("optimizer." + pair.getKey() + "."), weight);
                }
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
        updates = state.getLong("updates");
    }

    /**
     * Sets parameters in place from values already checked to fit (same names, shapes and data
     * types: {@code FinishedRun.parametersFor}); the optimizer's state and the update count stay
     * as they are, so the network trains on from these values as from an initialisation.
     *
     * @param values arrays by parameter name; a parameter not among them keeps its value
     */
    public void loadParameters(Map<String, NDArray> values) {
        boolean previous = EngineOps.setGradMode(false);
        try {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                NDArray value = values.get(pair.getKey());
                if (value != null) {
                    pair.getValue().getArray().set(value.toByteBuffer());
                }
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
    }

    /** Copies every parameter to the replicas, if any. */
    private void toReplicas() {
        if (replicas != null) {
            replicas.copyFrom(parameters);
        }
    }

    private List<Pair<NDArray, NDArray>> pairWith(Network source) {
        List<Parameter> theirs = source.block().getParameters().values();
        if (theirs.size() != parameters.size()) {
            throw new IllegalArgumentException(
                    "network '" + source.name() + "' has " + theirs.size() + " parameters, '"
                            + name + "' has " + parameters.size());
        }
        List<Pair<NDArray, NDArray>> pairs = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            NDArray mine = parameters.get(i).getArray();
            NDArray other = theirs.get(i).getArray();
            if (!mine.getShape().equals(other.getShape())) {
                throw new IllegalArgumentException(
                        "parameter " + parameters.get(i).getName() + " of '" + name + "' has shape "
                                + mine.getShape() + ", '" + source.name() + "' has " + other.getShape());
            }
            pairs.add(new Pair<>(mine, other));
        }
        return pairs;
    }
}
