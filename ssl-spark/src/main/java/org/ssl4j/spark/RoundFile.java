package org.ssl4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A label table as a Noisy Student round's pseudo-label file: {@code round-K.csv} in the format
 * the {@code noisy-student} phase reads with {@code readPseudoLabels} (comment line, header
 * {@code index,label,confidence,copies,p0..p{K-1}}, one row per example of the run's unlabeled
 * pool in pool order). The table's ids must be the pool's indices 0..N-1, as labelling the run's
 * IDX training images gives; the soft targets are the table's probabilities (temperature 1), and
 * an example gets one copy, or none below the confidence threshold (no class balancing: the
 * round uses a file's copies as they are).
 *
 * <p>This keeps Hadoop and Spark out of the Noisy Student plugin: the table is read here, with
 * parquet-java, and the plugin reads its own CSV format.
 */
final class RoundFile {

    private RoundFile() {}

    /**
     * @param rows the table's rows
     * @param folder where {@code round-K.csv} goes (created if needed)
     * @param round K
     * @param threshold the confidence below which an example gets 0 copies
     * @param teacher the run that labelled, for the comment line
     * @return the file
     * @throws IllegalArgumentException when the ids are not 0..N-1
     */
    static Path write(List<LabelTable.Row> rows, Path folder, int round, double threshold, String teacher) {
        List<LabelTable.Row> sorted;
        try {
            sorted = rows.stream().sorted(Comparator.comparingLong(r -> Long.parseLong(r.id()))).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--noisy-student: the table's ids are not example indices (" + e.getMessage()
                    + "); label the run's IDX training images, whose ids are their indices");
        }
        for (int i = 0; i < sorted.size(); i++) {
            if (Long.parseLong(sorted.get(i).id()) != i) {
                throw new IllegalArgumentException("--noisy-student: the table has no row for example " + i
                        + " (ids must be 0.." + (sorted.size() - 1) + ", one per pool example; skipped images leave holes)");
            }
        }
        Path file = folder.resolve("round-" + round + ".csv");
        try {
            Files.createDirectories(folder);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("# ssl4j pseudo-labels, round-" + round + ": labelled by " + teacher + " (ssl4j label), threshold "
                        + threshold + ", no balance\n");
                int classes = sorted.isEmpty() ? 0 : sorted.get(0).probabilities().length;
                out.write("index,label,confidence,copies");
                for (int k = 0; k < classes; k++) {
                    out.write(",p" + k);
                }
                out.write('\n');
                for (LabelTable.Row row : sorted) {
                    StringBuilder line = new StringBuilder();
                    line.append(row.id()).append(',').append(row.label()).append(',').append(row.confidence()).append(',')
                            .append(row.confidence() >= threshold ? 1 : 0);
                    for (float p : row.probabilities()) {
                        line.append(',').append(p);
                    }
                    out.write(line.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
