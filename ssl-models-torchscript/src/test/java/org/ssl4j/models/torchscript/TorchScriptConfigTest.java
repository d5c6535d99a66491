package org.ssl4j.models.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.Ssl4jPlugin;

class TorchScriptConfigTest {

    private static final DataSpec FOUR_FEATURES =
            new DataSpec(new Shape(4), 3, List.of("a", "b", "c"), "4 features, 3 classes");

    @TempDir Path folder;

    @Test
    void givesPyTorchsLogitsForTheFixedInput() throws IOException {
        float[] inputs = Fixture.matrix("inputs");
        float[] expected = Fixture.matrix("logits");
        assertEquals(12, inputs.length);
        assertEquals(9, expected.length);
        Block block = new TorchScriptConfig(Fixture.module().toString()).build(FOUR_FEATURES);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            NDArray x = manager.create(inputs, new Shape(3, 4));
            float[] logits =
                    block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], logits[i], 1e-5, "logit " + i);
            }
            // the module's parameters, trainable: Linear 4->16, LayerNorm 16, Linear 16->3
            long count = 0;
            for (Parameter parameter : block.getParameters().values()) {
                count += parameter.getArray().size();
                assertTrue(parameter.requiresGradient(), parameter.getName());
            }
            assertEquals(4 * 16 + 16 + 16 + 16 + 16 * 3 + 3, count);
        }
        assertTrue(Files.size(Fixture.module()) < 16 * 1024, "the fixture stays a few KB");
    }

    @Test
    void aWrongInputShapeIsRefusedBeforeTraining() {
        DataSpec five = new DataSpec(new Shape(5), 3, List.of("a", "b", "c"), "5 features");
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class, () -> new TorchScriptConfig(Fixture.module().toString()).build(five));
        assertEquals("file", e.field());
        assertTrue(e.problem().startsWith(Fixture.module() + " does not take the data's examples: run on a batch of"
                + " shape (2, 5) (examples of shape (5)), it failed: "), e.problem());
        assertTrue(e.problem().contains("(2x5 and 4x16)"), "names libtorch's reason: " + e.problem());
    }

    @Test
    void aWrongClassCountIsRefused() {
        DataSpec two = new DataSpec(new Shape(4), 2, List.of("a", "b"), "2 classes");
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class, () -> new TorchScriptConfig(Fixture.module().toString()).build(two));
        assertEquals(Fixture.module() + " maps a batch of shape (2, 4) to (2, 3); the data has 2 classes, so a"
                + " backbone must give (2, 2) logits", e.problem());
    }

    @Test
    void aFileThatIsNotTorchScriptIsRefused() throws IOException {
        Path text = folder.resolve("model.pt");
        Files.writeString(text, "this is not a TorchScript archive\n");
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> new TorchScriptConfig(text.toString()).build(FOUR_FEATURES));
        assertEquals("file", e.field());
        assertTrue(e.problem().startsWith(text + " is not a TorchScript file that PyTorch can load ("), e.problem());
        assertTrue(e.problem().endsWith("); save one with torch.jit.script(model).save(path)"), e.problem());
        Path missing = folder.resolve("missing.pt");
        e = assertThrows(InvalidConfigException.class, () -> new TorchScriptConfig(missing.toString()).build(FOUR_FEATURES));
        assertEquals("no such file: " + missing, e.problem());
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        Ssl4jPlugin plugin = ServiceLoader.load(Ssl4jPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("models-torchscript"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("torchscript"), plugin.backbones().stream().map(Component::name).toList());
    }
}
