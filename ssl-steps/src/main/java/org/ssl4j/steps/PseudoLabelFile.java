package org.ssl4j.steps;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads and writes a {@link PseudoLabelSet} as CSV, one row per example of the unlabeled split, in
 * split order: a Noisy Student round's {@code pseudo-labels/round-K.csv} in the run folder, the
 * file {@code ssl4j label --noisy-student} makes from a label table, and what the {@code run}
 * teacher reads with {@code labels}:
 *
 * <pre>
 * # ssl4j pseudo-labels, round 1 (comment lines start with '#')
 * index,label,confidence,copies,p0,p1,...,p{K-1}
 * 0,9,0.9987,1,0.0001,...,0.9987
 * </pre>
 *
 * {@code index} is the example's position in the unlabeled split, {@code label} the teacher's
 * class, {@code confidence} its probability {@code max softmax(z)}, {@code copies} how many times
 * the student sees the example (0 for filtered-out ones), and {@code p0..p{K-1}} the soft target
 * {@code softmax(z / T)}. A file made elsewhere needs the same columns, one row per unlabeled
 * example in index order; the copies are used as they are.
 */
public final class PseudoLabelFile {

    private static final String COMMENT = "#";

    private PseudoLabelFile() {}

    /**
     * Formats a set as the file's text.
     *
     * @param set the set
     * @param comment a one-line comment for the first line (line breaks become spaces)
     * @return the CSV text, each line ending in a line feed
     */
    public static String format(PseudoLabelSet set, String comment) {
        TeacherPredictions predictions = set.predictions();
        int classes = predictions.classes();
        StringBuilder out = new StringBuilder();
        out.append(COMMENT).append(' ').append(comment.replace('\n', ' ')).append('\n');
        out.append("index,label,confidence,copies");
        for (int k = 0; k < classes; k++) {
            out.append(",p").append(k);
        }
        out.append('\n');
        for (int i = 0; i < predictions.size(); i++) {
            out.append(i).append(',').append(predictions.labels()[i]).append(',')
                    .append(predictions.confidences()[i]).append(',').append(set.copies()[i]);
            for (int k = 0; k < classes; k++) {
                out.append(',').append(predictions.distributions()[i * classes + k]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Reads a set written in the format of {@link #format} (by a run or elsewhere) that must
     * cover an unlabeled split of a known size.
     *
     * @param file the CSV file
     * @param size the unlabeled split's size N, which the file must cover row by row
     * @param classes the number of classes K
     * @return the set
     * @throws IOException when the file cannot be read, or does not hold a header and N rows of K
     *     classes in index order; the message names the file and, for a bad line, its number
     */
    public static PseudoLabelSet read(Path file, int size, int classes) throws IOException {
        PseudoLabelSet set = read(file, classes);
        if (set.predictions().size() != size) {
            throw new IOException(file + ": " + set.predictions().size() + " rows, but the unlabeled split has " + size);
        }
        return set;
    }

    /**
     * Reads a set written in the format of {@link #format} (by a run or elsewhere), as many rows
     * as it holds; a caller that learns the split's size later checks it against {@code
     * predictions().size()}.
     *
     * @param file the CSV file
     * @param classes the number of classes K
     * @return the set
     * @throws IOException when the file cannot be read, or does not hold a header and rows of K
     *     classes in index order from 0; the message names the file and, for a bad line, its
     *     number
     */
    public static PseudoLabelSet read(Path file, int classes) throws IOException {
        int capacity = 1024;
        int[] labels = new int[capacity];
        float[] confidences = new float[capacity];
        float[] distributions = new float[capacity * classes];
        int[] copies = new int[capacity];
        int rows = 0;
        boolean header = true;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith(COMMENT)) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                String where = file + ":" + lineNumber + ": ";
                if (header) {
                    if (cells.length != 4 + classes || !cells[0].trim().equals("index")) {
                        throw new IOException(
                                where + "expected the header index,label,confidence,copies,p0..p"
                                        + (classes - 1) + " (" + (4 + classes) + " columns), got '" + line + "'");
                    }
                    header = false;
                    continue;
                }
                if (cells.length != 4 + classes) {
                    throw new IOException(
                            where + "expected " + (4 + classes) + " columns, got " + cells.length);
                }
                if (rows == capacity) {
                    capacity *= 2;
                    labels = Arrays.copyOf(labels, capacity);
                    confidences = Arrays.copyOf(confidences, capacity);
                    distributions = Arrays.copyOf(distributions, capacity * classes);
                    copies = Arrays.copyOf(copies, capacity);
                }
                try {
                    if (Integer.parseInt(cells[0].trim()) != rows) {
                        throw new IOException(where + "expected the row of example " + rows + ", got index " + cells[0].trim());
                    }
                    labels[rows] = Integer.parseInt(cells[1].trim());
                    if (labels[rows] < 0 || labels[rows] >= classes) {
                        throw new IOException(where + "label " + labels[rows] + " is not in [0, " + classes + ")");
                    }
                    confidences[rows] = Float.parseFloat(cells[2].trim());
                    copies[rows] = Integer.parseInt(cells[3].trim());
                    if (copies[rows] < 0) {
                        throw new IOException(where + "copies must be at least 0, got " + copies[rows]);
                    }
                    for (int k = 0; k < classes; k++) {
                        distributions[rows * classes + k] = Float.parseFloat(cells[4 + k].trim());
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(where + "not a number: " + e.getMessage(), e);
                }
                rows++;
            }
        }
        if (header) {
            throw new IOException(file + ": no header index,label,confidence,copies,p0..p" + (classes - 1));
        }
        try {
            return new PseudoLabelSet(
                    new TeacherPredictions(
                            classes,
                            Arrays.copyOf(labels, rows),
                            Arrays.copyOf(confidences, rows),
                            Arrays.copyOf(distributions, rows * classes)),
                    Arrays.copyOf(copies, rows));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
