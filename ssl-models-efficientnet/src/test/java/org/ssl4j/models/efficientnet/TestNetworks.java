package org.ssl4j.models.efficientnet;

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
import java.util.stream.IntStream;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/** Test helpers: data specs, seeded initialisation, forward passes, parameter counts. */
final class TestNetworks {

    private TestNetworks() {}

    /**
     * @return a spec of {@code (channels, side, side)} images with classes named by their label
     */
    static DataSpec images(int channels, int side, int classes) {
        List<String> names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        return new DataSpec(new Shape(channels, side, side), classes, names, "test images");
    }

    /** Builds the backbone and initialises it with seed 0 in {@code manager} (the caller's). */
    static Block initialised(BackboneConfig config, DataSpec data, NDManager manager) {
        Block block = config.build(data);
        Engine.getInstance().setRandomSeed(0);
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(data.exampleShape()));
        return block;
    }

    /**
     * @return the number of values in parameters that require a gradient (excludes the batch
     *     norms' running statistics)
     */
    static long trainableParameters(Block block) {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(parameter -> parameter.getArray().size())
                .sum();
    }

    /** Runs the block; the result belongs to the inputs' manager. */
    static NDArray forward(Block block, NDArray inputs, boolean training) {
        ParameterStore store = new ParameterStore(inputs.getManager(), false);
        return block.forward(store, new NDList(inputs), training).singletonOrThrow();
    }
}
