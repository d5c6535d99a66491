package org.ssl4j.models.efficientnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;

class EfficientNetConfigTest {

    private static final DataSpec SMALL_GREY = TestNetworks.images(1, 32, 10);

    @Test
    void appliesDefaults() {
        EfficientNetConfig b0 = new EfficientNetConfig(null, null, null, null, null, null);
        assertEquals("b0", b0.variant());
        assertEquals(0.2, b0.dropout());
        assertEquals(0.2, b0.dropPath());
        assertEquals(false, b0.smallInputStem());
        assertEquals(1e-3, b0.bnEpsilon());
        assertEquals(0.1, b0.bnMomentum());
        assertEquals(0.5, new EfficientNetConfig("l2", null, null, null, null, null).dropout());
        assertEquals(0.4, new EfficientNetConfig("b4", null, null, null, null, null).dropout());
        assertEquals(0.1, new EfficientNetConfig("b7", 0.1, null, null, null, null).dropout());
    }

    @Test
    void rejectsBadConfigs() {
        InvalidConfigException variant =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new EfficientNetConfig("b8", null, null, null, null, null));
        assertEquals("variant", variant.field());
        assertEquals(
                "must be one of [b0, b1, b2, b3, b4, b5, b6, b7, b6-wide, l2], got 'b8'",
                variant.problem());
        assertEquals("dropout", field(() -> new EfficientNetConfig(null, 1.0, null, null, null, null)));
        assertEquals("dropPath", field(() -> new EfficientNetConfig(null, null, -0.1, null, null, null)));
        assertEquals("dropPath", field(() -> new EfficientNetConfig(null, null, 1.0, null, null, null)));
        assertEquals("bnEpsilon", field(() -> new EfficientNetConfig(null, null, null, null, 0.0, null)));
        assertEquals("bnMomentum", field(() -> new EfficientNetConfig(null, null, null, null, null, 0.0)));
        assertEquals("bnMomentum", field(() -> new EfficientNetConfig(null, null, null, null, null, 1.5)));
    }

    @Test
    void rejectsVectorData() {
        DataSpec vectors = new DataSpec(new Shape(2), 2, List.of("a", "b"), "points");
        InvalidConfigException error =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new EfficientNetConfig(null, null, null, null, null, null).build(vectors));
        assertEquals("type", error.field());
        assertEquals(
                "efficientnet needs image examples (C, H, W), but the data's examples have shape (2)",
                error.problem());
    }

    /**
     * Builds each small variant at 1000 classes, checks torchvision's count on the built block
     * against the layout's count, and runs one image at the variant's resolution.
     */
    @ParameterizedTest(name = "{0} at {1} px: {2} parameters")
    @CsvSource({"b0, 224, 5288548", "b1, 240, 7794184", "b2, 260, 9109994", "b3, 300, 12233232"})
    void builtNetworkHasTorchvisionsCountAndOneLogitPerClassAtItsResolution(
            String variant, int resolution, long torchvision) {
        EfficientNetConfig config = new EfficientNetConfig(variant, null, null, null, null, null);
        DataSpec imagenet = TestNetworks.images(3, resolution, 1000);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = TestNetworks.initialised(config, imagenet, manager);
            assertEquals(torchvision, TestNetworks.trainableParameters(block));
            assertEquals(torchvision, config.parameterCount(imagenet));
            NDArray image = manager.randomNormal(new Shape(1, 3, resolution, resolution));
            NDArray logits = TestNetworks.forward(block, image, false);
            assertEquals(new Shape(1, 1000), logits.getShape());
            assertTrue(Arrays.stream(toDoubles(logits)).allMatch(Double::isFinite));
        }
    }

    /** The large variants' shapes, inferred layer by layer without allocating any parameter. */
    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"b4, 380", "b5, 456", "b6, 528", "b7, 600", "b6-wide, 800", "l2, 800"})
    void largeVariantsInferTheirShapesWithoutAllocatingWeights(String variant, int resolution) {
        Block block =
                new EfficientNetConfig(variant, null, null, null, null, null)
                        .build(TestNetworks.images(3, resolution, 1000));
        Shape[] out = block.getOutputShapes(new Shape[] {new Shape(1, 3, resolution, resolution)});
        assertEquals(new Shape(1, 1000), out[0]);
        assertFalse(block.isInitialized());
    }

    @Test
    void smallInputStemReachesTheHeadAtAQuarterOfTheInput() {
        EfficientNetConfig small = new EfficientNetConfig(null, null, null, true, null, null);
        List<Block> children = small.build(SMALL_GREY).getChildren().values();
        Shape[] shapes = {new Shape(2, 1, 32, 32)};
        // Stem, 16 MBConv blocks, head: then the pooling, dropout and classifier.
        for (Block child : children.subList(0, 18)) {
            shapes = child.getOutputShapes(shapes);
        }
        assertEquals(new Shape(2, 1280, 8, 8), shapes[0]);
    }

    @Test
    void dropPathAndDropoutActOnlyInTraining() {
        // The regular stem: at 32 px the blocks then run on small maps and the test stays fast.
        DataSpec data = SMALL_GREY;
        EfficientNetConfig quiet = new EfficientNetConfig(null, 0.0, 0.0, false, null, null);
        EfficientNetConfig noisy = new EfficientNetConfig(null, 0.5, 0.5, false, null, null);
        EfficientNetConfig pathOnly = new EfficientNetConfig(null, 0.0, 0.5, false, null, null);
        EfficientNetConfig dropoutOnly = new EfficientNetConfig(null, 0.5, 0.0, false, null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.randomNormal(new Shape(4, 1, 32, 32));
            // Same seed, same parameters: in evaluation the noisy network is the quiet one.
            float[] quietEval =
                    evaluate(TestNetworks.initialised(quiet, data, manager), images);
            Block noisyBlock = TestNetworks.initialised(noisy, data, manager);
            assertArrayEquals(quietEval, evaluate(noisyBlock, images));
            assertArrayEquals(quietEval, evaluate(noisyBlock, images));
            // In training, batch statistics are deterministic: only the noise makes passes differ.
            Block quietBlock = TestNetworks.initialised(quiet, data, manager);
            assertArrayEquals(train(quietBlock, images), train(quietBlock, images));
            Block pathBlock = TestNetworks.initialised(pathOnly, data, manager);
            assertFalse(Arrays.equals(train(pathBlock, images), train(pathBlock, images)));
            Block dropoutBlock = TestNetworks.initialised(dropoutOnly, data, manager);
            assertFalse(Arrays.equals(train(dropoutBlock, images), train(dropoutBlock, images)));
        }
    }

    private static float[] evaluate(Block block, NDArray images) {
        return TestNetworks.forward(block, images, false).toFloatArray();
    }

    private static float[] train(Block block, NDArray images) {
        return TestNetworks.forward(block, images, true).toFloatArray();
    }

    private static double[] toDoubles(NDArray array) {
        float[] values = array.toFloatArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static String field(Runnable construction) {
        return assertThrows(InvalidConfigException.class, construction::run).field();
    }
}
