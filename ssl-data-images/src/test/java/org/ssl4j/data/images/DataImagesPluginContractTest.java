package org.ssl4j.data.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/**
 * The image sources pass the plugin contract of the test kit, each on a tiny data set in its real
 * layout: 20 training and 10 test 4x4 IDX images (10 classes), 30 and 10 CIFAR records, 3 classes
 * of 4x3 PNG images.
 */
class DataImagesPluginContractTest extends PluginContractTest {

    @TempDir static Path folder;

    @BeforeAll
    static void writeDataSets() throws IOException {
        Path idx = Files.createDirectories(folder.resolve("idx"));
        TestFiles.write(idx.resolve("train-images-idx3-ubyte.gz"), TestFiles.gzip(TestFiles.idxImages(20, 4, 4)));
        TestFiles.write(idx.resolve("train-labels-idx1-ubyte.gz"),
                TestFiles.gzip(TestFiles.idxLabels(TestFiles.cyclicLabels(20, 10))));
        TestFiles.write(idx.resolve("t10k-images-idx3-ubyte.gz"), TestFiles.gzip(TestFiles.idxImages(10, 4, 4)));
        TestFiles.write(idx.resolve("t10k-labels-idx1-ubyte.gz"),
                TestFiles.gzip(TestFiles.idxLabels(TestFiles.cyclicLabels(10, 10))));
        Path cifar = Files.createDirectories(folder.resolve("cifar"));
        TestFiles.write(cifar.resolve("data_batch_1.bin"), TestFiles.cifarBatch(TestFiles.cyclicLabels(30, 10)));
        TestFiles.write(cifar.resolve("test_batch.bin"), TestFiles.cifarBatch(TestFiles.cyclicLabels(10, 10)));
        int image = 0;
        for (String name : List.of("ant", "bee", "cat")) {
            for (int k = 0; k < 3; k++) {
                writePng(folder.resolve("images/train/" + name + "/" + k + ".png"), image++);
            }
            writePng(folder.resolve("images/test/" + name + "/0.png"), image++);
        }
    }

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return DataImagesPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        String idx = json(folder.resolve("idx"));
        return List.of(
                source("{\"type\": \"fashion-mnist\", \"directory\": " + idx + ", \"labeledPerClass\": 1}"),
                source("{\"type\": \"mnist\", \"directory\": " + idx + ", \"labeledPerClass\": 1,"
                        + " \"validationPerClass\": 0, \"normalize\": false}"),
                source("{\"type\": \"idx\", \"trainImages\": " + json(folder.resolve("idx/train-images-idx3-ubyte.gz"))
                        + ", \"trainLabels\": " + json(folder.resolve("idx/train-labels-idx1-ubyte.gz"))
                        + ", \"testImages\": " + json(folder.resolve("idx/t10k-images-idx3-ubyte.gz"))
                        + ", \"testLabels\": " + json(folder.resolve("idx/t10k-labels-idx1-ubyte.gz"))
                        + ", \"labeledPerClass\": 1}").withUnsetDefaults("classNames"),
                source("{\"type\": \"cifar-10\", \"directory\": " + json(folder.resolve("cifar"))
                        + ", \"trainBatches\": 1, \"labeledPerClass\": 1}"),
                source("{\"type\": \"image-folder\", \"directory\": " + json(folder.resolve("images"))
                        + ", \"labeledPerClass\": 1}"));
    }

    private static ConfigSample source(String json) {
        return ConfigSample.of(DataSourceConfig.class, json);
    }

    private static String json(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\") + "\"";
    }

    /** A 4x3 RGB image whose colours depend on {@code seed}. */
    private static void writePng(Path file, int seed) {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, ((10 * seed + x) << 16) | ((20 * y + 1) << 8) | (7 * seed));
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
