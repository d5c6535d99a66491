package org.ssl4j.models.torchscript;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The {@code torchscript} backbone: a network scripted ({@code torch.jit.script}) or traced
 * ({@code torch.jit.trace}) in PyTorch and saved with {@code .save(path)}, trained in SSL4J as
 * any other backbone, in any role. Its parameters start from the file's values (no seeded
 * initialisation: the file is the initialisation) and are saved and checkpointed by name like
 * SSL4J's own networks; {@code initFrom} on this backbone loads a finished run's instead.
 *
 * <p>{@link #build} loads the file once on the CPU and runs it on two zero examples of the data's
 * shape: a file that is not TorchScript, a module that does not take the data's examples, or one
 * whose output is not {@code (N, classes)} logits is refused there, before any training.
 *
 * @param file the TorchScript file ({@code .pt}); required
 */
public record TorchScriptConfig(String file) implements BackboneConfig {

    /** Checks that the file is given. */
    public TorchScriptConfig {
        Checks.required("file", file);
    }

    /**
     * Checks the file against the data and returns a block that loads it when initialised.
     *
     * @param data the examples' shape and the class count
     * @return the block
     * @throws InvalidConfigException naming {@code file} when it is missing, is not TorchScript,
     *     does not take the data's examples or does not give one logit per class
     */
    @Override
    public Block build(DataSpec data) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidConfigException("file", "no such file: " + path);
        }
        Model model;
        try {
            model = TorchScriptBlock.load(path, Device.cpu());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidConfigException(
                    "file", path + " is not a TorchScript file that " + TorchScriptBlock.ENGINE + " can load ("
                            + firstLine(e) + "); save one with torch.jit.script(model).save(path)");
        }
        try (model) {
            checkShapes(path, model.getBlock(), model.getNDManager(), data);
        }
        return new TorchScriptBlock(path, data.classes());
    }

    private static void checkShapes(Path path, Block module, NDManager parent, DataSpec data) {
        long[] dims = new long[data.exampleShape().dimension() + 1];
        dims[0] = 2;
        System.arraycopy(data.exampleShape().getShape(), 0, dims, 1, dims.length - 1);
        Shape input = new Shape(dims);
        Shape output;
        try (NDManager scratch = parent.newSubManager()) {
            NDArray zeros = scratch.zeros(input);
            NDList out;
            try {
                out = module.forward(new ParameterStore(scratch, false), new NDList(zeros), false);
            } catch (RuntimeException e) {
                throw new InvalidConfigException(
                        "file", path + " does not take the data's examples: run on a batch of shape " + input
                                + " (examples of shape " + data.exampleShape() + "), it failed: " + firstLine(e));
            }
            if (out.size() != 1) {
                throw new InvalidConfigException(
                        "file", path + " returns " + out.size() + " arrays; a backbone returns one, the logits");
            }
            output = out.singletonOrThrow().getShape();
        }
        if (!output.equals(new Shape(2, data.classes()))) {
            throw new InvalidConfigException(
                    "file", path + " maps a batch of shape " + input + " to " + output + "; the data has "
                            + data.classes() + " classes, so a backbone must give (2, " + data.classes() + ") logits");
        }
    }

    /**
     * The line of an engine message that says what failed: a TorchScript traceback's last
     * {@code ...Error: } line, else the first line.
     */
    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        String[] lines = message.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.matches("[A-Za-z.]*Error: .*")) {
                return line.substring(line.indexOf(": ") + 2);
            }
        }
        return lines[0].strip();
    }
}
