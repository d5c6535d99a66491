package org.ssl4j.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small CSV tables for the end-to-end tests of the csv source and the torchscript backbone. */
final class Tables {

    /** The torchscript fixture (tools/torchscript_fixture.py): 4 inputs, 3 classes. */
    static final Path TINY_TORCHSCRIPT = Path.of("../ssl-models-torchscript/src/test/resources/torchscript/tiny.pt");

    private Tables() {}

    /**
     * Writes three Gaussian blobs in 4-D (classes {@code a}, {@code b}, {@code c}) with a header
     * {@code f1,f2,f3,f4,label}; every {@code unlabeledEvery}-th row has an empty label (keep it prime to 3, or a class loses every label).
     *
     * @param file where to write
     * @param rows the number of rows
     * @param unlabeledEvery 0 for none
     * @return the file
     */
    static Path blobs(Path file, int rows, int unlabeledEvery) throws IOException {
        Random random = new Random(42);
        double[][] centres = {{2, 0, 0, 1}, {0, 2, 0, -1}, {0, 0, 2, 0}};
        StringBuilder text = new StringBuilder("f1,f2,f3,f4,label\n");
        for (int i = 0; i < rows; i++) {
            int label = i % 3;
            for (int j = 0; j < 4; j++) {
                text.append(String.format(Locale.ROOT, "%.4f,", centres[label][j] + random.nextGaussian() * 0.5));
            }
            text.append(unlabeledEvery > 0 && i % unlabeledEvery == unlabeledEvery - 1 ? "" : "abc".charAt(label))
                    .append('\n');
        }
        Files.writeString(file, text);
        return file;
    }
}
