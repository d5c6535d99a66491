package org.ssl4j.models.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A TorchScript module as a DJL block. The module is loaded when the block is initialised, on the
 * device of the manager it is initialised with, through DJL's engine-neutral {@link Model} API
 * ({@code Model.newInstance(name, device, "PyTorch")} with {@code trainParam} on, so its parameters
 * require gradients); the {@link Model} is then attached to that manager and closed with it. The
 * module's parameters keep the values in the file: they are the network's initialisation.
 *
 * <p>Parameters are the module's {@code named_parameters()} (one array per parameter, sharing
 * its storage, so optimizer updates and restored checkpoints reach the module). Buffers
 * (batch-norm running statistics) are not among them: DJL does not expose them, so they are
 * neither checkpointed nor copied between networks.
 *
 * <p>Loading a module turns libtorch's TorchScript graph optimizer off for the process (DJL's
 * switch {@value #GRAPH_OPTIMIZER}, unless it is set already): DJL runs evaluation passes in
 * inference mode, and the optimized plan the graph executor makes in such a pass holds inference
 * tensors that the next training pass cannot record ("Inference tensors cannot be saved for
 * backward"). SSL alternates the two passes every step. The switch concerns TorchScript modules
 * only; SSL4J's own blocks run operator by operator.
 */
final class TorchScriptBlock extends AbstractBlock {

    /** The engine that runs TorchScript, by its DJL name. */
    static final String ENGINE = "PyTorch";

    /** DJL's system property that turns libtorch's TorchScript graph optimizer on or off. */
    static final String GRAPH_OPTIMIZER = "ai.djl.pytorch.graph_optimizer";

    private final Path file;
    private final int classes;
    private Block module;

    /**
     * @param file the TorchScript file, already checked to load and fit the data
     * @param classes the class count, the width of the module's output
     */
    TorchScriptBlock(Path file, int classes) {
        this.file = file;
        this.classes = classes;
    }

    /**
     * Loads a TorchScript file into a model of the PyTorch engine.
     *
     * @param file the file
     * @param device where the module's parameters go (a {@code null} is the engine's default)
     * @return the loaded model; its block is the module, its parameters trainable
     * @throws IOException or MalformedModelException when the file is not a TorchScript module
     */
    static Model load(Path file, ai.djl.Device device) throws IOException, MalformedModelException {
        if (System.getProperty(GRAPH_OPTIMIZER) == null) {
            System.setProperty(GRAPH_OPTIMIZER, "false");
        }
        Model model = Model.newInstance("torchscript", device, ENGINE);
        try {
            model.load(file, null, Map.of("trainParam", "true", "mapLocation", "true"));
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (module != null) {
            return;
        }
        Model model;
        try {
            model = load(file, manager.getDevice());
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the TorchScript file " + file + ": " + e.getMessage(), e);
        }
        manager.attachInternal("torchscript-" + UUID.randomUUID(), model);
        module = addChildBlock("module", model.getBlock());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        if (module == null) {
            throw new IllegalStateException("the TorchScript block " + file + " is used before it is initialised");
        }
        return module.forward(parameterStore, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    public String toString() {
        return "TorchScript(" + file + ")";
    }
}
