package org.ssl4j.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;
import java.util.stream.IntStream;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;

/**
 * The kit's {@link Network}: a backbone's block initialised (seeded) in its own long-lived
 * manager, with the optimizer its config creates. It follows the runtime's network where the
 * ownership rules are concerned: forward results belong to the inputs' manager, each gradient
 * handle is closed at once, and averaging puts its temporaries in a scratch manager.
 */
final class KitNetwork implements Network {

    private final String name;
    private final BackboneConfig backbone;
    private final Block block;
    private final NDManager manager;
    private final Optimizer optimizer;
    private long updates;

    /**
     * @param name the method's name for it
     * @param backbone builds the block
     * @param data the input shape and class count
     * @param manager the network's long-lived manager; the caller closes it
     * @param seed seeds the initialisation
     * @param optimizer its optimizer, or null for a frozen network
     */
    KitNetwork(
            String name,
            BackboneConfig backbone,
            DataSpec data,
            NDManager manager,
            int seed,
            Optimizer optimizer) {
        this.name = name;
        this.backbone = backbone;
        this.block = backbone.build(data);
        this.manager = manager;
        this.optimizer = optimizer;
        Engine.getInstance().setRandomSeed(seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1L).addAll(data.exampleShape()));
        if (optimizer == null) {
            block.freezeParameters(true);
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

    /** Lets the optimizer update each parameter from its gradient, then zeroes the gradient. */
    @Override
    public void update() {
        if (optimizer == null) {
            throw new IllegalStateException("network '" + name + "' is frozen and has no optimizer");
        }
        for (Parameter parameter : block.getParameters().values()) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
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
        List<NDArray> from = arrays(source);
        List<NDArray> to = arrays(this);
        for (int i = 0; i < to.size(); i++) {
            to.get(i).muli(0).addi(from.get(i));
        }
    }

    @Override
    public void averageFrom(Network source, float decay) {
        List<NDArray> from = arrays(source);
        List<NDArray> to = arrays(this);
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < to.size(); i++) {
                NDArray part = from.get(i).mul(1 - decay);
                part.attach(scratch);
                to.get(i).muli(decay).addi(part);
            }
        }
    }

    /**
     * @return every parameter's values, flattened in block order
     */
    double[] parameterValues() {
        return arrays(this).stream()
                .flatMapToDouble(array -> {
                    float[] values = array.toFloatArray();
                    return IntStream.range(0, values.length).mapToDouble(i -> values[i]);
                })
                .toArray();
    }

    private static List<NDArray> arrays(Network network) {
        return network.block().getParameters().values().stream().map(Parameter::getArray).toList();
    }

    /** Frees the parameters and optimizer state; the network must not be used afterwards. */
    void close() {
        manager.close();
    }
}
