package org.ssl4j.data.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

class CsvConfigTest {

    @TempDir Path folder;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static CsvConfig config(Path file, String label) {
        return new CsvConfig(file.toString(), null, null, null, null, null, label, null, null, null, null, null, null, null);
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static float[] rows(ArrayDataset split, NDManager manager) {
        long[] all = LongStream.range(0, split.size()).toArray();
        return split.getByIndices(manager, all).getData().singletonOrThrow().toFloatArray();
    }

    private static int[] labels(ArrayDataset split, NDManager manager) {
        long[] all = LongStream.range(0, split.size()).toArray();
        return split.getByIndices(manager, all).getLabels().singletonOrThrow().toIntArray();
    }

    @Test
    void emptyLabelsAreUnlabeledNumericColumnsAreStandardisedOnThePoolCategoriesOneHot() throws IOException {
        Path file = write("t.csv", """
                size,colour,label
                1,red,yes
                2,blue,
                3,red,no
                "4",green,yes
                5,blue,no
                6,red,
                """);
        CsvConfig config = new CsvConfig(file.toString(), null, 0.25, null, null, null, "label",
                List.of("colour"), null, null, null, null, null, null);
        SslData data = config.load(new DataContext(7, manager));
        assertEquals(new Shape(4), data.spec().exampleShape(), "size + 3 colours");
        assertEquals(List.of("no", "yes"), data.spec().classNames());
        assertEquals(1, data.test().size(), "a quarter of the 4 labeled rows");
        assertEquals(3, data.labeled().size());
        assertEquals(5, data.unlabeled().size(), "every row but the test row");
        float[] pool = rows(data.unlabeled(), manager);
        double mean = 0;
        double squares = 0;
        for (int i = 0; i < 5; i++) {
            mean += pool[i * 4] / 5.0;
            squares += pool[i * 4] * pool[i * 4] / 5.0;
            float hot = pool[i * 4 + 1] + pool[i * 4 + 2] + pool[i * 4 + 3];
            assertEquals(1f, hot, "one category per row");
        }
        assertEquals(0, mean, 1e-6, "standardised on the pool");
        assertEquals(1, squares, 1e-5);
        // the test row (one of the labeled sizes 1, 3, 4, 5) is scaled with the statistics of the
        // pool, the five other sizes, not with its own
        float[] testRow = rows(data.test(), manager);
        assertEquals(1f, testRow[1] + testRow[2] + testRow[3]);
        boolean scaledByThePool = false;
        for (int held : new int[] {1, 3, 4, 5}) {
            double poolMean = (21.0 - held) / 5;
            double poolSquares = (91.0 - held * held) / 5;
            double expected = (held - poolMean) / Math.sqrt(poolSquares - poolMean * poolMean);
            scaledByThePool |= Math.abs(expected - testRow[0]) < 1e-5;
        }
        assertTrue(scaledByThePool, "test row " + java.util.Arrays.toString(testRow));
    }

    @Test
    void labeledPerClassHidesTheOtherLabelsAndTheTestFileIsTheTestSplit() throws IOException {
        StringBuilder text = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            text.append(i).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path train = write("train.csv", text.toString());
        Path test = write("test.csv", "a,b,label\n1,2,odd\n2,3,even\n");
        CsvConfig config = new CsvConfig(train.toString(), test.toString(), null, null, null, null, "label",
                null, null, null, null, false, 3, null);
        SslData data = config.load(new DataContext(1, manager));
        assertEquals(6, data.labeled().size());
        assertEquals(40, data.unlabeled().size());
        assertEquals(2, data.test().size());
        assertArrayEquals(new int[] {1, 0}, labels(data.test(), manager));
        assertArrayEquals(new float[] {1, 2, 2, 3}, rows(data.test(), manager), "standardize: false keeps values");
        int[] labeled = labels(data.labeled(), manager);
        assertEquals(3, java.util.Arrays.stream(labeled).filter(l -> l == 0).count());
        SslData again = config.load(new DataContext(1, manager));
        assertArrayEquals(rows(data.labeled(), manager), rows(again.labeled(), manager), "seeded");
        SslData other = config.load(new DataContext(2, manager));
        assertTrue(!java.util.Arrays.equals(rows(data.labeled(), manager), rows(other.labeled(), manager)));
    }

    @Test
    void gzipHeaderlessFileWithALeadingRowOfCountsAsSklearnShipsIt() throws IOException {
        Path file = folder.resolve("digits.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("4,2,x,y\n0,1,0\n1,0,1\n0,0,0\n1,1,1\n2,2,0\n".getBytes(StandardCharsets.UTF_8));
        }
        CsvConfig config = new CsvConfig(file.toString(), null, 0.4, false, 1, null, "3", null, null,
                "index", null, false, null, null);
        SslData data = config.load(new DataContext(3, manager));
        assertEquals(new Shape(2), data.spec().exampleShape());
        assertEquals(List.of("0", "1"), data.spec().classNames());
        assertEquals(2, data.test().size());
    }

    @Test
    void indexEncodingAndImputation() throws IOException {
        Path file = write("t.csv", "n,c,label\n1,x,0\n,y,1\n3,,0\n5,y,1\n");
        Path test = write("test.csv", "n,c,label\n,,1\n");
        CsvConfig config = new CsvConfig(file.toString(), test.toString(), null, null, null, null, "label",
                List.of("c"), null, "index", "impute", false, null, null);
        SslData data = config.load(new DataContext(3, manager));
        assertArrayEquals(new float[] {1, 0, 3, 1, 3, 1, 5, 1}, rows(data.unlabeled(), manager),
                "n's pool mean is 3, c's most frequent category is y (index 1)");
        assertArrayEquals(new float[] {3, 1}, rows(data.test(), manager));
    }

    @Test
    void textInANumericColumnNamesFileLineAndColumn() throws IOException {
        Path file = write("t.csv", "a,b,label\n1,2,x\n3,abc,y\n4,5,x\n6,7,y\n7,8,x\n");
        IOException e = assertThrows(IOException.class, () -> config(file, "label").load(new DataContext(1, manager)));
        assertEquals(file + ":3: column 'b' (2): 'abc' is not a number (the column is numeric; list it under"
                + " categorical or ignore if it holds text)", e.getMessage());
    }

    @Test
    void aMissingColumnListsTheFilesColumns() throws IOException {
        Path file = write("t.csv", "a,b,label\n1,2,x\n3,4,y\n");
        IOException e = assertThrows(IOException.class, () -> config(file, "class").load(new DataContext(1, manager)));
        assertEquals(file + ": no column 'class'; its columns are a, b, label", e.getMessage());
    }

    @Test
    void aRaggedRowIsNamed() throws IOException {
        Path file = write("t.csv", "a,b,label\n1,2,x\n3,4\n");
        IOException e = assertThrows(IOException.class, () -> config(file, "label").load(new DataContext(1, manager)));
        assertEquals(file + ":3: the row has 2 cells, the header has 3", e.getMessage());
    }

    @Test
    void aLabelThatIsNotAKnownClassIsNamed() throws IOException {
        Path file = write("t.csv", "a,label\n1,cat\n2,dog\n3,cat\n4,dog\n");
        Path test = write("test.csv", "a,label\n1,cat\n2,cow\n");
        CsvConfig config = new CsvConfig(file.toString(), test.toString(), null, null, null, null, "label",
                null, null, null, null, null, null, null);
        IOException e = assertThrows(IOException.class, () -> config.load(new DataContext(1, manager)));
        assertEquals(test + ":3: column 'label' (2): 'cow' is not a known class; classes: cat, dog", e.getMessage());
    }

    @Test
    void aMissingValueIsAnErrorUnlessImputed() throws IOException {
        Path file = write("t.csv", "a,b,label\n1,2,x\n3,,y\n4,5,x\n6,7,y\n");
        IOException e = assertThrows(IOException.class, () -> config(file, "label").load(new DataContext(1, manager)));
        assertEquals(file + ":3: column 'b' (2): the cell is empty (a missing value); set missing: impute to fill"
                + " it from the training pool", e.getMessage());
    }

    @Test
    void malformedCsvIsNamedWithItsLine() throws IOException {
        Path file = write("t.csv", "a,label\n1,x\n\"2,y\n");
        IOException e = assertThrows(IOException.class, () -> config(file, "label").load(new DataContext(1, manager)));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed CSV"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = folder.resolve("none.csv");
        IOException e = assertThrows(IOException.class, () -> config(file, "label").load(new DataContext(1, manager)));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void configChecksNameTheirField() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new CsvConfig(
                "f", null, null, null, null, null, "label", null, null, "binary", null, null, null, null));
        assertEquals("encoding", e.field());
        e = assertThrows(InvalidConfigException.class, () -> new CsvConfig(
                "f", "g", 0.3, null, null, null, "label", null, null, null, null, null, null, null));
        assertEquals("testShare", e.field());
        e = assertThrows(InvalidConfigException.class, () -> new CsvConfig(
                "f", null, null, null, null, null, "label", List.of("label"), null, null, null, null, null, null));
        assertEquals("categorical", e.field());
    }

}
