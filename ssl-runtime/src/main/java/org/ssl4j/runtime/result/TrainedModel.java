package org.ssl4j.runtime.result;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.runtime.network.EngineOps;

/**
 * A trained network loaded for prediction. Holds native memory: close it.
 *
 * <p>It is a plain DJL {@link Model}; {@link #model()} gives it to code that wants DJL's own
 * predictors.
 */
public final class TrainedModel implements AutoCloseable {

    private final Model model;
    private final DataSpec data;

    private TrainedModel(Model model, DataSpec data) {
        this.model = model;
        this.data = data;
    }

    /**
     * Loads {@code folder/NAME-0000.params} into a fresh block of the given architecture.
     *
     * @param folder the folder holding the parameter file
     * @param name the network's name
     * @param backbone its architecture
     * @param data the data's shapes and classes
     * @return the model
     */
    public static TrainedModel load(Path folder, String name, BackboneConfig backbone, DataSpec data) {
        Block block = backbone.build(data);
        Model model = Model.newInstance(name);
        model.setBlock(block);
        try {
            model.load(folder, name);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot read network '" + name + "' from " + folder, e);
        } catch (MalformedModelException e) {
            model.close();
            throw new IllegalStateException(
                    "network '" + name + "' in " + folder + " is malformed: " + e.getMessage(), e);
        }
        return new TrainedModel(model, data);
    }

    /**
     * @return the DJL model (block and parameters)
     */
    public Model model() {
        return model;
    }

    /**
     * @return the data's shapes and class names
     */
    public DataSpec data() {
        return data;
    }

    /**
     * Class probabilities for a batch of flat examples.
     *
     * @param inputs one row per example, each of {@code exampleShape}'s size
     * @return one row of {@code classes} probabilities per example
     */
    public float[][] probabilities(float[][] inputs) {
        long width = data.exampleShape().size();
        float[] flat = new float[Math.multiplyExact(inputs.length, (int) width)];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != width) {
                throw new IllegalArgumentException(
                        "example " + i + " has " + inputs[i].length + " values, expected " + width);
            }
            System.arraycopy(inputs[i], 0, flat, (int) (i * width), (int) width);
        }
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            Shape shape = new Shape(inputs.length).addAll(data.exampleShape());
            NDArray x = scratch.create(flat, shape);
            NDArray logits =
                    model.getBlock()
                            .forward(new ParameterStore(scratch, false), new NDList(x), false)
                            .singletonOrThrow();
            float[] probs = logits.softmax(1).toFloatArray();
            float[][] rows = new float[inputs.length][data.classes()];
            for (int i = 0; i < inputs.length; i++) {
                System.arraycopy(probs, i * data.classes(), rows[i], 0, data.classes());
            }
            return rows;
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * The most probable class of each example.
     *
     * @param inputs one row per example
     * @return class ids
     */
    public int[] predict(float[][] inputs) {
        float[][] probs = probabilities(inputs);
        int[] classes = new int[probs.length];
        for (int i = 0; i < probs.length; i++) {
            int best = 0;
            for (int k = 1; k < probs[i].length; k++) {
                if (probs[i][k] > probs[i][best]) {
                    best = k;
                }
            }
            classes[i] = best;
        }
        return classes;
    }

    @Override
    public void close() {
        model.close();
    }
}
