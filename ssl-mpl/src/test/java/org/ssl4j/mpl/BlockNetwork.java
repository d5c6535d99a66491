package org.ssl4j.mpl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;

/**
 * A test {@link Network}: a DJL block initialised on the CPU with a fixed seed in a manager the
 * test owns, updated by plain SGD written by hand. Must be used on the thread that loaded the
 * engine, where autograd is off outside gradient collectors.
 */
final class BlockNetwork implements Network {

    private final String name;
    private final BackboneConfig backbone;
    private final Block block;
    private final boolean trainable;
    private final float learningRate;
    private long updates;

    /**
     * @param name the network's name
     * @param backbone builds the block
     * @param data the input shape and class count
     * @param manager holds the parameters; the test closes it
     * @param seed seeds the initialisation (DJL takes an int)
     * @param trainable false for a frozen network, whose parameters record no gradient
     * @param learningRate the SGD step size (ignored when frozen)
     */
    BlockNetwork(
            String name,
            BackboneConfig backbone,
            DataSpec data,
            NDManager manager,
            int seed,
            boolean trainable,
            float learningRate) {
        this.name = name;
        this.backbone = backbone;
        this.block = backbone.build(data);
        this.trainable = trainable;
        this.learningRate = learningRate;
        Engine.getInstance().setRandomSeed(seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1L).addAll(data.exampleShape()));
        block.freezeParameters(!trainable);
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

    /** {@code p -= learningRate * grad(p)} for every parameter, then zeroes the gradients. */
    @Override
    public void update() {
        if (!trainable) {
            throw new IllegalStateException("network " + name + " is frozen");
        }
        for (NDArray weight : arrays()) {
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
        List<NDArray> from = ((BlockNetwork) source).arrays();
        List<NDArray> to = arrays();
        for (int i = 0; i < to.size(); i++) {
            from.get(i).copyTo(to.get(i));
        }
    }

    @Override
    public void averageFrom(Network source, float decay) {
        List<NDArray> from = ((BlockNetwork) source).arrays();
        List<NDArray> to = arrays();
        for (int i = 0; i < to.size(); i++) {
            try (NDArray part = from.get(i).mul(1 - decay)) {
                to.get(i).muli(decay).addi(part);
            }
        }
    }

    /**
     * @return the parameter arrays, in block order (live: do not close)
     */
    List<NDArray> arrays() {
        return block.getParameters().values().stream().map(Parameter::getArray).toList();
    }

    /**
     * @return a copy of every parameter's values, in block order
     */
    List<float[]> snapshot() {
        return arrays().stream().map(NDArray::toFloatArray).toList();
    }

    /**
     * Overwrites a parameter's values in place, with a copy made inside libtorch ({@code
     * NDArray.set(float[])} may alias a Java buffer that is freed later).
     *
     * @param array a parameter array
     * @param values its new values, flat
     */
    static void assign(NDArray array, float[] values) {
        try (NDManager scratch = NDManager.newBaseManager()) {
            array.set(new ai.djl.ndarray.index.NDIndex("..."), scratch.create(values, array.getShape()));
        }
    }
}
