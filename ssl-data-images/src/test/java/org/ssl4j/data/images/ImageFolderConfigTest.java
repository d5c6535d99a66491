package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

/**
 * The {@code image-folder} source on PNGs of 4x3 (width x height): classes cat, ant, bee (sorted
 * ant, bee, cat), 3 training and 1 test image each.
 */
class ImageFolderConfigTest {

    private static final List<String> CLASSES = List.of("cat", "ant", "bee");

    @TempDir Path folder;

    @BeforeEach
    void writeImages() {
        int image = 0;
        for (String name : CLASSES) {
            for (int k = 0; k < 3; k++) {
                writePng(folder.resolve("train/" + name + "/img" + k + ".png"), rgb(4, 3, image++));
            }
            writePng(folder.resolve("test/" + name + "/t.png"), rgb(4, 3, image++));
        }
    }

    /** An RGB image whose pixel (x, y) is (10 * seed + x, 20 * y + 1, 7 * seed). */
    private static BufferedImage rgb(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((10 * seed + x) << 16) | ((20 * y + 1) << 8) | (7 * seed));
            }
        }
        return image;
    }

    private static void writePng(Path file, BufferedImage image) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImageFolderConfig config(Integer channels, Integer labeled, Boolean normalize) {
        return new ImageFolderConfig(folder.toString(), channels, labeled, null, normalize);
    }

    @Test
    void readsClassesSortedAndPixelsAsRgbPlanes() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(null, 2, false).load(new DataContext(1, manager));
            assertEquals(List.of("ant", "bee", "cat"), data.spec().classNames());
            assertEquals(new Shape(3, 3, 4), data.spec().exampleShape());
            Split pool = Split.read(data.unlabeled(), manager);
            assertEquals(new Shape(9, 3, 3, 4), pool.shape);
            assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, pool.labels);
            // pool image 1 is ant/img1.png, written as image 5; pixel (x 3, y 2)
            assertEquals((10 * 5 + 3) / 255f, pool.at(1, 0, 2, 3), 1e-7);
            assertEquals((20 * 2 + 1) / 255f, pool.at(1, 1, 2, 3), 1e-7);
            assertEquals((7 * 5) / 255f, pool.at(1, 2, 2, 3), 1e-7);
            assertArrayEquals(
                    new int[] {2, 2, 2}, Split.read(data.labeled(), manager).classCounts(3));
            Split test = Split.read(data.test(), manager);
            assertArrayEquals(new int[] {0, 1, 2}, test.labels);
        }
    }

    @Test
    void oneChannelGivesTheLuma() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(1, 1, false).load(new DataContext(1, manager));
            assertEquals(new Shape(1, 3, 4), data.spec().exampleShape());
            Split pool = Split.read(data.unlabeled(), manager);
            long luma = Math.round(0.299 * (10 * 5 + 3) + 0.587 * (20 * 2 + 1) + 0.114 * 35);
            assertEquals(luma / 255f, pool.at(1, 0, 2, 3), 1e-7);
        }
    }

    @Test
    void greyImagesKeepTheirValuesInEveryChannel() throws IOException {
        BufferedImage grey = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 2, 0, 77);
        writePng(folder.resolve("train/ant/img0.png"), grey);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(3, 1, false).load(new DataContext(1, manager));
            Split pool = Split.read(data.unlabeled(), manager);
            for (int channel = 0; channel < 3; channel++) {
                assertEquals(77 / 255f, pool.at(0, channel, 2, 1), 1e-7);
                assertEquals(0f, pool.at(0, channel, 0, 0));
            }
        }
    }

    @Test
    void normalisesEachChannelOnThePool() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config(3, 1, true).load(new DataContext(1, manager));
            Split pool = Split.read(data.unlabeled(), manager);
            for (int channel = 0; channel < 3; channel++) {
                double[] meanStd = pool.channelMeanStd(channel);
                assertEquals(0, meanStd[0], 1e-5, "mean of channel " + channel);
                assertEquals(1, meanStd[1], 1e-5, "std of channel " + channel);
            }
        }
    }

    @Test
    void imageOfAnotherSizeNamesTheFileAndBothSizes() {
        Path odd = folder.resolve("train/bee/img1.png");
        writePng(odd, rgb(5, 3, 0));
        assertEquals(
                odd + ": image is 5x3 (width x height) but the first image "
                        + folder.resolve("train/ant/img0.png") + " is 4x3; all images must have"
                        + " the same size",
                loadFails(config(null, 1, null)).getMessage());
    }

    @Test
    void classFolderWithoutImagesIsNamed() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("train/dog"));
        Files.writeString(empty.resolve("notes.txt"), "no images here");
        assertEquals(
                empty + ": class folder has no .png, .jpg or .jpeg images",
                loadFails(config(null, 1, null)).getMessage());
    }

    @Test
    void testFolderWithoutClassFoldersIsNamed() throws IOException {
        for (String name : CLASSES) {
            Path classFolder = folder.resolve("test/" + name);
            Files.delete(classFolder.resolve("t.png"));
            Files.delete(classFolder);
        }
        assertEquals(
                folder.resolve("test") + ": has no class sub-folders with images",
                loadFails(config(null, 1, null)).getMessage());
    }

    @Test
    void testClassUnknownToTrainingIsNamed() {
        writePng(folder.resolve("test/dog/t.png"), rgb(4, 3, 0));
        assertEquals(
                folder.resolve("test/dog") + ": is not one of the training classes [ant, bee,"
                        + " cat]",
                loadFails(config(null, 1, null)).getMessage());
    }

    @Test
    void rejectsBadConfigsNamingTheField() {
        ConfigAssertions.assertField("channels", () -> config(2, 1, null));
        ConfigAssertions.assertField(
                "directory", () -> new ImageFolderConfig(null, null, 1, null, null));
        ConfigAssertions.assertField("labeledPerClass", () -> config(null, null, null));
        assertEquals(3, config(null, 1, null).channels());
    }

    private static DataFileException loadFails(ImageFolderConfig config) {
        return assertThrows(
                DataFileException.class,
                () -> {
                    try (NDManager manager = NDManager.newBaseManager()) {
                        config.load(new DataContext(1, manager));
                    }
                });
    }
}
