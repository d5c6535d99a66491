package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

/** The {@code mnist} and {@code fashion-mnist} sources on tiny directories in the real layout. */
class MnistConfigTest {

    @TempDir Path folder;

    /** Writes 20 training and 10 test images of 4x4, 10 classes, under the distributed names. */
    private void writeDataset(boolean gzipped) {
        String suffix = gzipped ? ".gz" : "";
        write("train-images-idx3-ubyte" + suffix, TestFiles.idxImages(20, 4, 4), gzipped);
        write("train-labels-idx1-ubyte" + suffix,
                TestFiles.idxLabels(TestFiles.cyclicLabels(20, 10)), gzipped);
        write("t10k-images-idx3-ubyte" + suffix, TestFiles.idxImages(10, 4, 4), gzipped);
        write("t10k-labels-idx1-ubyte" + suffix,
                TestFiles.idxLabels(TestFiles.cyclicLabels(10, 10)), gzipped);
    }

    private void write(String name, byte[] bytes, boolean gzipped) {
        TestFiles.write(folder.resolve(name), gzipped ? TestFiles.gzip(bytes) : bytes);
    }

    @Test
    void readsGzippedFilesUnderTheDefaultNames() throws IOException {
        writeDataset(true);
        MnistConfig config = new MnistConfig(folder.toString(), null, null, null, null, 2, null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config.load(new DataContext(1, manager));
            assertEquals(MnistConfig.CLASS_NAMES, data.spec().classNames());
            assertEquals(new Shape(1, 4, 4), data.spec().exampleShape());
            assertEquals(20, data.unlabeled().size());
            assertEquals(10, data.test().size());
            assertArrayEquals(
                    new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
                    Split.read(data.labeled(), manager).classCounts(10));
        }
    }

    @Test
    void fallsBackToTheNamesWithoutGz() throws IOException {
        writeDataset(false);
        MnistConfig config =
                new MnistConfig(folder.toString(), null, null, null, null, 1, null, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config.load(new DataContext(1, manager));
            Split test = Split.read(data.test(), manager);
            assertEquals(TestFiles.pixel(7, 13) / 255f, test.at(7, 0, 3, 1), 1e-7);
        }
    }

    @Test
    void fashionMnistHasItsClassNamesAndDefaults() throws IOException {
        writeDataset(true);
        FashionMnistConfig config =
                new FashionMnistConfig(folder.toString(), null, null, null, null, 1, null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config.load(new DataContext(1, manager));
            assertEquals("Ankle boot", data.spec().classNames().get(9));
            assertEquals("T-shirt/top", data.spec().classNames().get(0));
        }
        FashionMnistConfig defaults =
                new FashionMnistConfig(null, null, null, null, null, 4, null, null);
        assertEquals("/usr/share/datasets/fashion-mnist", defaults.directory());
        assertEquals("train-images-idx3-ubyte.gz", defaults.trainImages());
        assertEquals("train-labels-idx1-ubyte.gz", defaults.trainLabels());
        assertEquals("t10k-images-idx3-ubyte.gz", defaults.testImages());
        assertEquals("t10k-labels-idx1-ubyte.gz", defaults.testLabels());
    }

    @Test
    void missingFashionMnistDirectorySaysHowToInstallIt() {
        Path absent = folder.resolve("absent");
        FashionMnistConfig config =
                new FashionMnistConfig(absent.toString(), null, null, null, null, 1, null, null);
        NoSuchFileException error = loadFails(config);
        assertEquals(
                absent + ": data directory not found; `apt-get install dataset-fashion-mnist`"
                        + " provides it in /usr/share/datasets/fashion-mnist",
                error.getMessage());
    }

    @Test
    void missingFashionMnistFileIsNamedWithTheInstallHint() {
        writeDataset(true);
        FashionMnistConfig config =
                new FashionMnistConfig(
                        folder.toString(), null, "other-labels.gz", null, null, 1, null, null);
        NoSuchFileException error = loadFails(config);
        assertEquals(
                folder.resolve("other-labels.gz") + ": file not found (nor other-labels);"
                        + " `apt-get install dataset-fashion-mnist` provides it in"
                        + " /usr/share/datasets/fashion-mnist",
                error.getMessage());
    }

    @Test
    void mnistNeedsADirectory() {
        ConfigAssertions.assertField(
                "directory", () -> new MnistConfig(null, null, null, null, null, 1, null, null));
        ConfigAssertions.assertField(
                "labeledPerClass",
                () -> new FashionMnistConfig(null, null, null, null, null, null, null, null));
    }

    private static NoSuchFileException loadFails(FashionMnistConfig config) {
        return assertThrows(
                NoSuchFileException.class,
                () -> {
                    try (NDManager manager = NDManager.newBaseManager()) {
                        config.load(new DataContext(1, manager));
                    }
                });
    }
}
