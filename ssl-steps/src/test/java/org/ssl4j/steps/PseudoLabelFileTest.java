package org.ssl4j.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudoLabelFileTest {

    private static PseudoLabelSet sample() {
        TeacherPredictions predictions =
                new TeacherPredictions(
                        2,
                        new int[] {1, 0, 1},
                        new float[] {0.75f, 0.5f, 0.875f},
                        new float[] {0.25f, 0.75f, 0.5f, 0.5f, 0.125f, 0.875f});
        return new PseudoLabelSet(predictions, new int[] {2, 0, 1});
    }

    @Test
    void expandsCopiesAndCountsPerClass() {
        PseudoLabelSet set = sample();

        assertEquals(3, set.total());
        assertArrayEquals(new int[] {0, 0, 2}, set.expanded());
        assertArrayEquals(new long[] {0, 3}, set.perClass());
    }

    @Test
    void formatsTheDocumentedCsvAndReadsItBack(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("round-1.csv");

        String text = PseudoLabelFile.format(sample(), "test set\nsecond line");
        Files.writeString(file, text);
        PseudoLabelSet read = PseudoLabelFile.read(file, 3, 2);

        assertEquals(
                "# test set second line\nindex,label,confidence,copies,p0,p1\n0,1,0.75,2,0.25,0.75\n"
                        + "1,0,0.5,0,0.5,0.5\n2,1,0.875,1,0.125,0.875\n",
                text);
        assertArrayEquals(new int[] {2, 0, 1}, read.copies());
        assertArrayEquals(new int[] {1, 0, 1}, read.predictions().labels());
        assertArrayEquals(new float[] {0.75f, 0.5f, 0.875f}, read.predictions().confidences());
        assertArrayEquals(sample().predictions().distributions(), read.predictions().distributions());
    }

    @Test
    void readingRejectsAFileThatDoesNotCoverTheSplitRowByRow(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("round-1.csv");
        Files.writeString(file, "index,label,confidence,copies,p0,p1\n1,0,0.5,1,0.5,0.5\n");
        IOException outOfOrder = assertThrows(IOException.class, () -> PseudoLabelFile.read(file, 1, 2));
        assertTrue(outOfOrder.getMessage().contains("expected the row of example 0"), outOfOrder.getMessage());

        Files.writeString(file, "index,label,confidence,copies,p0,p1\n0,0,0.5,1,0.5,0.5\n");
        IOException tooShort = assertThrows(IOException.class, () -> PseudoLabelFile.read(file, 2, 2));
        assertTrue(tooShort.getMessage().contains("1 rows, but the unlabeled split has 2"), tooShort.getMessage());

        Files.writeString(file, "index,label,confidence,copies,p0,p1\n0,2,0.5,1,0.5,0.5\n");
        IOException label = assertThrows(IOException.class, () -> PseudoLabelFile.read(file, 1, 2));
        assertTrue(label.getMessage().startsWith(file + ":2: label 2 is not in [0, 2)"), label.getMessage());

        Files.writeString(file, "# a comment\nindex,label,confidence,copies,p0,p1\n0,1,0.5,-1,0.5,0.5\n");
        IOException copies = assertThrows(IOException.class, () -> PseudoLabelFile.read(file, 1, 2));
        assertTrue(copies.getMessage().startsWith(file + ":3: copies must be at least 0"), copies.getMessage());

        Files.writeString(file, "index,label,confidence,copies,p0\n0,1,0.5,1,0.5\n");
        IOException header = assertThrows(IOException.class, () -> PseudoLabelFile.read(file, 1, 2));
        assertTrue(header.getMessage().startsWith(file + ":1: expected the header"), header.getMessage());

        Files.writeString(file, "index,label,confidence,copies,p0,p1\n0,1,0.5,1,0.5,0.5,\n");
        IOException columns = assertThrows(IOException.class, () -> PseudoLabelFile.read(file, 1, 2));
        assertTrue(columns.getMessage().startsWith(file + ":2: expected 6 columns, got 7"), columns.getMessage());
    }
}
