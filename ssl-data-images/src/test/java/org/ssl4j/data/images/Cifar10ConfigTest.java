package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

/** The {@code cifar-10} source on a tiny set: one training batch of 30 and a test batch of 10. */
class Cifar10ConfigTest {

    @TempDir Path folder;

    @BeforeEach
    void writeFiles() {
        TestFiles.write(
                folder.resolve("data_batch_1.bin"),
                TestFiles.cifarBatch(TestFiles.cyclicLabels(30, 10)));
        TestFiles.write(
                folder.resolve("test_batch.bin"),
                TestFiles.cifarBatch(TestFiles.cyclicLabels(10, 10)));
    }

    private Cifar10Config config(Integer batches, Integer labeled, Boolean normalize) {
        return new Cifar10Config(folder.toString(), batches, labeled, null, normalize);
    }

    @Test
    void readsRecordsAsChannelPlanes() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(1, 2, false).load(new DataContext(1, manager));
            assertEquals(new Shape(3, 32, 32), data.spec().exampleShape());
            assertEquals(Cifar10Config.CLASS_NAMES, data.spec().classNames());
            Split pool = Split.read(data.unlabeled(), manager);
            assertEquals(new Shape(30, 3, 32, 32), pool.shape);
            assertArrayEquals(TestFiles.cyclicLabels(30, 10), pool.labels);
            // record 13, green plane (offset 1024), row 5, column 7
            int offset = 1024 + 5 * 32 + 7;
            assertEquals(TestFiles.pixel(13, offset) / 255f, pool.at(13, 1, 5, 7), 1e-7);
            assertEquals(TestFiles.pixel(13, 0) / 255f, pool.at(13, 0, 0, 0), 1e-7);
            assertEquals(TestFiles.pixel(13, 3071) / 255f, pool.at(13, 2, 31, 31), 1e-7);
            assertArrayEquals(
                    new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
                    Split.read(data.labeled(), manager).classCounts(10));
            assertEquals(10, data.test().size());
        }
    }

    @Test
    void readsSeveralTrainingBatchesInOrder() throws IOException {
        TestFiles.write(
                folder.resolve("data_batch_2.bin"),
                TestFiles.cifarBatch(TestFiles.cyclicLabels(20, 10)));
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(2, 1, false).load(new DataContext(1, manager));
            Split pool = Split.read(data.unlabeled(), manager);
            assertEquals(50, pool.size());
            // the second file's record 4 follows the first file's 30 records
            assertEquals(TestFiles.pixel(4, 100) / 255f, pool.at(34, 0, 3, 4), 1e-7);
        }
    }

    @Test
    void normalisesEachChannelOnThePool() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(1, 1, true).load(new DataContext(1, manager));
            Split pool = Split.read(data.unlabeled(), manager);
            for (int channel = 0; channel < 3; channel++) {
                double[] meanStd = pool.channelMeanStd(channel);
                assertEquals(0, meanStd[0], 1e-5, "mean of channel " + channel);
                assertEquals(1, meanStd[1], 1e-5, "std of channel " + channel);
            }
        }
    }

    @Test
    void sizeNotAMultipleOfTheRecordSizeIsRejected() {
        byte[] batch = TestFiles.cifarBatch(TestFiles.cyclicLabels(30, 10));
        Path file = TestFiles.write(folder.resolve("data_batch_1.bin"),
                Arrays.copyOf(batch, 2 * 3073 + 100));
        assertEquals(
                file + ": size 6246 bytes is not a multiple of the record size 3073 (1 label +"
                        + " 3072 pixel bytes); 100 bytes after the last whole record at byte"
                        + " offset 6146",
                loadFails(config(1, 1, null)).getMessage());
    }

    @Test
    void labelOutOfRangeNamesRecordAndOffset() {
        int[] labels = TestFiles.cyclicLabels(10, 10);
        labels[3] = 10;
        Path file = TestFiles.write(folder.resolve("test_batch.bin"), TestFiles.cifarBatch(labels));
        assertEquals(
                file + ": label 10 of record 3 (byte offset 9219) is out of range [0, 10)",
                loadFails(config(1, 1, null)).getMessage());
    }

    @Test
    void missingBatchIsNamed() {
        NoSuchFileException error =
                assertThrows(
                        NoSuchFileException.class,
                        () -> {
                            try (NDManager manager = NDManager.newBaseManager()) {
                                config(3, 1, null).load(new DataContext(1, manager));
                            }
                        });
        assertEquals(folder.resolve("data_batch_2.bin") + ": file not found", error.getMessage());
    }

    @Test
    void rejectsBadConfigsNamingTheField() {
        ConfigAssertions.assertField("directory", () -> new Cifar10Config(null, null, 1, null, null));
        ConfigAssertions.assertField("trainBatches", () -> config(6, 1, null));
        ConfigAssertions.assertField("trainBatches", () -> config(0, 1, null));
        ConfigAssertions.assertField("labeledPerClass", () -> config(1, null, null));
        assertEquals(5, new Cifar10Config("d", null, 1, null, null).trainBatches());
    }

    private static DataFileException loadFails(Cifar10Config config) {
        return assertThrows(
                DataFileException.class,
                () -> {
                    try (NDManager manager = NDManager.newBaseManager()) {
                        config.load(new DataContext(1, manager));
                    }
                });
    }
}
