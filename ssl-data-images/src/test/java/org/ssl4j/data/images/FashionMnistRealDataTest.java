package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

/**
 * Loads the real Fashion-MNIST from its default directory. The data set is a build requirement
 * ({@code apt-get install dataset-fashion-mnist}); without it this test fails, it does not skip.
 */
class FashionMnistRealDataTest {

    @Test
    void loadsTheInstalledFashionMnist() throws IOException {
        Path directory = Path.of(FashionMnistConfig.DEFAULT_DIRECTORY);
        assertTrue(
                Files.isDirectory(directory),
                directory + " is missing: run `apt-get install dataset-fashion-mnist`");
        FashionMnistConfig config =
                new FashionMnistConfig(null, null, null, null, null, 4, null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config.load(new DataContext(0, manager));
            assertEquals(new Shape(1, 28, 28), data.spec().exampleShape());
            assertEquals(60000, data.unlabeled().size());
            assertEquals(10000, data.test().size());
            assertEquals(40, data.labeled().size());
            // the published training-set statistics of Fashion-MNIST: mean 0.2860, std 0.3530
            assertEquals(
                    "fashion-mnist (/usr/share/datasets/fashion-mnist): 1x28x28 images, 10"
                            + " classes, 60000 unlabeled, 40 labeled (4 per class), 10000 test,"
                            + " normalized per channel (pool mean 0.2860, std 0.3530), split"
                            + " seed 0",
                    data.spec().description());
            assertArrayEquals(
                    new int[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
                    Split.read(data.labeled(), manager).classCounts(10));
            // the first training and the first test image are both ankle boots (label 9)
            try (Batch first = data.unlabeled().getByIndices(manager.newSubManager(), 0)) {
                assertEquals(new Shape(1, 1, 28, 28), first.getData().head().getShape());
                assertEquals(9, first.getLabels().head().toIntArray()[0]);
            }
            try (Batch first = data.test().getByIndices(manager.newSubManager(), 0)) {
                assertEquals(9, first.getLabels().head().toIntArray()[0]);
            }
        }
    }
}
