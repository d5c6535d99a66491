package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

/** The {@code idx} source on tiny files: 12 training and 6 test images of 2x3, 3 classes. */
class IdxConfigTest {

    @TempDir Path folder;

    private Path trainImages;
    private Path trainLabels;
    private Path testImages;
    private Path testLabels;

    @BeforeEach
    void writeFiles() {
        // gzipped under a name without .gz, and raw: the magic bytes decide
        trainImages =
                TestFiles.write(
                        folder.resolve("train-images.idx"),
                        TestFiles.gzip(TestFiles.idxImages(12, 2, 3)));
        trainLabels =
                TestFiles.write(
                        folder.resolve("train-labels.idx.gz"),
                        TestFiles.gzip(TestFiles.idxLabels(TestFiles.cyclicLabels(12, 3))));
        testImages =
                TestFiles.write(folder.resolve("test-images.idx"), TestFiles.idxImages(6, 2, 3));
        testLabels =
                TestFiles.write(
                        folder.resolve("test-labels.idx"),
                        TestFiles.idxLabels(TestFiles.cyclicLabels(6, 3)));
    }

    private IdxConfig config(Integer labeled, Integer validation, Boolean normalize) {
        return new IdxConfig(
                trainImages.toString(),
                trainLabels.toString(),
                testImages.toString(),
                testLabels.toString(),
                null,
                labeled,
                validation,
                normalize);
    }

    @Test
    void appliesDefaults() {
        IdxConfig config = config(2, null, null);
        assertEquals(0, config.validationPerClass());
        assertEquals(true, config.normalize());
        assertEquals(new SplitSettings(2, 0, true), config.splitSettings());
    }

    @Test
    void splitsHaveTheRightSizesShapesTypesAndClasses() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(2, null, false).load(new DataContext(42, manager));
            assertEquals(new Shape(1, 2, 3), data.spec().exampleShape());
            assertEquals(List.of("0", "1", "2"), data.spec().classNames());
            Split unlabeled = Split.read(data.unlabeled(), manager);
            Split labeled = Split.read(data.labeled(), manager);
            Split test = Split.read(data.test(), manager);
            assertEquals(new Shape(12, 1, 2, 3), unlabeled.shape);
            assertEquals(new Shape(6, 1, 2, 3), labeled.shape);
            assertEquals(new Shape(6, 1, 2, 3), test.shape);
            assertEquals(DataType.FLOAT32, unlabeled.dataType);
            assertEquals(DataType.INT32, unlabeled.labelType);
            assertArrayEquals(new int[] {2, 2, 2}, labeled.classCounts(3));
            assertArrayEquals(TestFiles.cyclicLabels(12, 3), unlabeled.labels);
            assertArrayEquals(TestFiles.cyclicLabels(6, 3), test.labels);
            assertTrue(
                    data.spec().description().startsWith("idx (" + trainImages + "): 1x2x3 images,"
                            + " 3 classes, 12 unlabeled, 6 labeled (2 per class), 6 test,"),
                    data.spec().description());
        }
    }

    @Test
    void pixelsAreScaledToTheUnitIntervalInFileOrder() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(1, null, false).load(new DataContext(1, manager));
            Split unlabeled = Split.read(data.unlabeled(), manager);
            // image 5, row 1, column 2: offset 5; (5*37 + 5*11 + 25) % 256 = 9
            assertEquals(9, TestFiles.pixel(5, 5));
            assertEquals(9 / 255f, unlabeled.at(5, 0, 1, 2), 1e-7);
            Split test = Split.read(data.test(), manager);
            assertEquals(TestFiles.pixel(3, 1) / 255f, test.at(3, 0, 0, 1), 1e-7);
        }
    }

    @Test
    void labeledExamplesAreImagesOfThePoolWithTheirLabels() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(3, null, true).load(new DataContext(5, manager));
            Split labeled = Split.read(data.labeled(), manager);
            Split pool = Split.read(data.unlabeled(), manager);
            for (int i = 0; i < labeled.size(); i++) {
                int match = indexOf(pool, labeled.example(i));
                assertTrue(match >= 0, "labeled example " + i + " is not in the pool");
                assertEquals(pool.labels[match], labeled.labels[i]);
            }
        }
    }

    @Test
    void normalisationGivesZeroMeanAndUnitStdOnThePool() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(1, null, null).load(new DataContext(5, manager));
            double[] meanStd = Split.read(data.unlabeled(), manager).channelMeanStd(0);
            assertEquals(0, meanStd[0], 1e-5);
            assertEquals(1, meanStd[1], 1e-5);
            assertTrue(data.spec().description().contains("normalized per channel"));
        }
    }

    @Test
    void sameSeedGivesTheSameLabeledExamplesAndAnotherSeedOthers() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            IdxConfig config = config(1, null, false);
            float[] first = Split.read(config.load(new DataContext(3, manager)).labeled(), manager).data;
            float[] again = Split.read(config.load(new DataContext(3, manager)).labeled(), manager).data;
            float[] other = Split.read(config.load(new DataContext(4, manager)).labeled(), manager).data;
            assertArrayEquals(first, again);
            assertFalse(Arrays.equals(first, other));
        }
    }

    @Test
    void validationIsHeldOutOfTrainingAndLeavesTheTestSetAlone() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(2, 1, false).load(new DataContext(9, manager));
            Split pool = Split.read(data.unlabeled(), manager);
            Split labeled = Split.read(data.labeled(), manager);
            Split validation = Split.read(data.validation(), manager);
            Split test = Split.read(data.test(), manager);
            SslData without = config(2, null, false).load(new DataContext(9, manager));
            assertArrayEquals(Split.read(without.test(), manager).data, test.data, "the real test set, unchanged");
            assertEquals(null, without.validation());
            assertEquals(9, pool.size());
            assertEquals(6, labeled.size());
            assertArrayEquals(new int[] {1, 1, 1}, validation.classCounts(3));
            for (int i = 0; i < validation.size(); i++) {
                float[] held = validation.example(i);
                assertEquals(-1, indexOf(pool, held), "validation example " + i + " in pool");
                assertEquals(-1, indexOf(labeled, held), "validation example " + i + " labeled");
                assertTrue(isTrainingImage(held), "validation example " + i + " not training");
            }
            assertTrue(
                    data.spec().description().contains(
                            test.size() + " test, 3 validation (1 per class, held out of the training set"),
                    data.spec().description());
        }
    }

    @Test
    void explicitClassNamesAreUsed() throws IOException {
        IdxConfig config =
                new IdxConfig(
                        trainImages.toString(), trainLabels.toString(), testImages.toString(),
                        testLabels.toString(), List.of("a", "b", "c"), 1, null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config.load(new DataContext(1, manager));
            assertEquals(List.of("a", "b", "c"), data.spec().classNames());
        }
    }

    @Test
    void badMagicNumberNamesFileOffsetExpectedAndFound() {
        TestFiles.write(trainImages, TestFiles.idxLabels(1, 2, 3));
        DataFileException error = loadFails(config(1, null, null));
        assertEquals(
                trainImages + ": bad magic number at byte offset 0: expected 0x00000803, got"
                        + " 0x00000801",
                error.getMessage());
    }

    @Test
    void truncatedFileNamesExpectedAndActualBytes() {
        byte[] whole = TestFiles.idxImages(12, 2, 3);
        TestFiles.write(trainImages, Arrays.copyOf(whole, whole.length - 5));
        DataFileException error = loadFails(config(1, null, null));
        assertEquals(
                trainImages + ": truncated: expected 88 bytes (16 header + 72 for 12 images of"
                        + " 2x3), got 83",
                error.getMessage());
    }

    @Test
    void countMismatchNamesBothFilesAndCounts() {
        TestFiles.write(trainLabels, TestFiles.idxLabels(TestFiles.cyclicLabels(11, 3)));
        DataFileException error = loadFails(config(1, null, null));
        assertEquals(
                trainLabels + ": has 11 labels but the images file " + trainImages
                        + " has 12 images",
                error.getMessage());
    }

    @Test
    void labelOutOfRangeNamesValueIndexOffsetAndFile() {
        int[] labels = TestFiles.cyclicLabels(6, 3);
        labels[4] = 7;
        TestFiles.write(testLabels, TestFiles.idxLabels(labels));
        DataFileException error = loadFails(config(1, null, null));
        assertEquals(
                testLabels + ": label 7 of example 4 (byte offset 12) is out of range [0, 3)",
                error.getMessage());
    }

    @Test
    void testImagesOfAnotherSizeAreRejected() {
        TestFiles.write(testImages, TestFiles.idxImages(6, 3, 2));
        DataFileException error = loadFails(config(1, null, null));
        assertEquals(
                testImages + ": images are (1, 3, 2) but the training images in " + trainImages
                        + " are (1, 2, 3)",
                error.getMessage());
    }

    @Test
    void tooFewExamplesOfAClassNamesTheClassAndCounts() {
        InvalidConfigException error =
                assertThrows(
                        InvalidConfigException.class,
                        () -> {
                            try (NDManager manager = NDManager.newBaseManager()) {
                                config(3, 2, null).load(new DataContext(1, manager));
                            }
                        });
        assertEquals("labeledPerClass", error.field());
        assertEquals(
                "labeledPerClass: class '0' has 4 training examples, fewer than labeledPerClass"
                        + " + validationPerClass = 3 + 2",
                error.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Files.delete(testLabels);
        IOException error =
                assertThrows(
                        IOException.class,
                        () -> {
                            try (NDManager manager = NDManager.newBaseManager()) {
                                config(1, null, null).load(new DataContext(1, manager));
                            }
                        });
        assertEquals(testLabels + ": file not found", error.getMessage());
    }

    @Test
    void rejectsBadConfigsNamingTheField() {
        ConfigAssertions.assertField(
                "labeledPerClass", () -> config(null, null, null));
        ConfigAssertions.assertField("labeledPerClass", () -> config(0, null, null));
        ConfigAssertions.assertField("validationPerClass", () -> config(1, -1, null));
        ConfigAssertions.assertField(
                "trainImages", () -> new IdxConfig(null, "b", "c", "d", null, 1, null, null));
        ConfigAssertions.assertField(
                "classNames",
                () -> new IdxConfig("a", "b", "c", "d", List.of("only"), 1, null, null));
    }

    private DataFileException loadFails(IdxConfig config) {
        return assertThrows(
                DataFileException.class,
                () -> {
                    try (NDManager manager = NDManager.newBaseManager()) {
                        config.load(new DataContext(1, manager));
                    }
                });
    }

    private static boolean isTrainingImage(float[] image) {
        List<Float> values = new ArrayList<>();
        for (float value : image) {
            values.add(value);
        }
        for (int i = 0; i < 12; i++) {
            boolean same = true;
            for (int p = 0; p < 6; p++) {
                same &= Math.abs(values.get(p) - TestFiles.pixel(i, p) / 255f) < 1e-7;
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(Split split, float[] example) {
        for (int i = 0; i < split.size(); i++) {
            if (Arrays.equals(split.example(i), example)) {
                return i;
            }
        }
        return -1;
    }
}
