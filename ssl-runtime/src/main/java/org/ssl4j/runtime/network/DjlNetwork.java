package org.ssl4j.runtime.network;

import ai.djl.ndarray.NDArray;
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
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;

/**
 * The runtime's {@link Network}: a DJL block whose parameters live in the network's own manager,
 * with an optimizer when it is trainable.
 *
 * <p>Updates run with autograd off and read each gradient through a handle that is closed at
 * once, so a step leaves nothing behind in the network's long-lived manager.
 */
public final class DjlNetwork implements Network {

    private final String name;
    private final BackboneConfig backbone;
    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private long updates;

    /**
     * @param name the method's name for it
     * @param backbone the config it was built from
     * @param block the block, already initialised with its parameters in {@code manager}
     * @param manager the network's long-lived manager (closed by the run, not here)
     * @param optimizer its optimizer, or null for a frozen network
     */
    DjlNetwork(
            String name,
            BackboneConfig backbone,
            Block block,
            NDManager manager,
            Optimizer optimizer) {
        this.name = name;
        this.backbone = backbone;
        this.block = block;
        this.manager = manager;
        this.optimizer = optimizer;
        this.parameterStore = new ParameterStore(manager, false);
        this.parameters = block.getParameters().values();
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

    @Override
    public void update() {
        if (optimizer == null) {
            throw new IllegalStateException("network '" + name + "' is frozen and has no optimizer");
        }
        boolean previous = EngineOps.setGradMode(false);
        try {
            for (Parameter parameter : parameters) {
                NDArray weight = parameter.getArray();
                if (!parameter.requiresGradient()) {
                    continue;
                }
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(parameter.getId(), weight, gradient);
                }
                EngineOps.zeroGradient(weight);
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        updates++;
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
