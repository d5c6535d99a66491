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
 * pool in pool order). The soft targets are the table's probabilities (temperature 1), and an
 * example gets one copy, or none below the confidence threshold (no class balancing: the round
 * uses a file's copies as they are).
 *
 * <p>Ids: the file's {@code index} is a position in the run's unlabeled pool, the table's id an
 * index into the IDX images file it labelled. The two agree only when the pool is the whole file
 * in file order, which is what the image sources make when they hold no validation split out
 * ({@code validationPerClass: 0}); with one, the pool leaves out examples that the seed picks,
 * so no file of indices lines up with every run's pool. {@link #checkPool} therefore refuses,
 * before any labelling, a teacher run whose pool is not its whole training file or whose size
 * is not the input's, and {@link #write} a table whose ids are not {@code 0..N-1}; the phase
 * refuses a file whose row count is not its own pool's.
 *
 * <p>The file is made from the table as written, read back from its Parquet files with
 * parquet-java ({@link LabelTable#read}); this keeps Hadoop and Spark out of the Noisy Student
 * plugin, which reads its own CSV format.
 */
final class RoundFile {

    private static final java.util.regex.Pattern POOL = java.util.regex.Pattern.compile("(\\d+) unlabeled");
    private static final java.util.regex.Pattern VALIDATION = java.util.regex.Pattern.compile("(\\d+) validation \\((\\d+) per class");

    private RoundFile() {}

    /**
     * Checks, before any labelling, that a table of {@code input} will line up with the teacher
     * run's unlabeled pool: an IDX images file, a pool that is the whole training file (no
     * validation split held out of it) and as many images as the pool has examples.
     *
     * @param summary the teacher run's {@code summary.json}
     * @param input the input to label
     * @throws IllegalArgumentException saying which of these fails, and what to do
     */
    static void checkPool(com.fasterxml.jackson.databind.JsonNode summary, LabelInput input) {
        if (input.kind() != LabelInput.Kind.IDX) {
            throw new IllegalArgumentException("--noisy-student: --input " + input.path() + " is not an IDX images file; a round file lists the"
                    + " run's unlabeled pool by index, so label the run's own IDX training images");
        }
        String data = summary.path("data").asText();
        java.util.regex.Matcher validation = VALIDATION.matcher(data);
        if (validation.find()) {
            throw new IllegalArgumentException("--noisy-student: the run's unlabeled pool is not its whole training file: validationPerClass: "
                    + validation.group(2) + " holds " + validation.group(1) + " examples (picked by the seed) out of it, so the"
                    + " pool's indices are not the file's; train the teacher and the student with validationPerClass: 0 for a round file"
                    + " (run data: " + data + ")");
        }
        java.util.regex.Matcher pool = POOL.matcher(data);
        if (!pool.find()) {
            throw new IllegalArgumentException("--noisy-student: the run's summary does not give its unlabeled pool's size (data: " + data
                    + "); a round file needs a run of an image source (idx, mnist, fashion-mnist)");
        }
        if (Long.parseLong(pool.group(1)) != input.count()) {
            throw new IllegalArgumentException("--noisy-student: the run's unlabeled pool has " + pool.group(1) + " examples but --input "
                    + input.path() + " has " + input.count() + " images; label the run's own training images file");
        }
    }

    /**
     * @param table the label table's folder, read back from its Parquet files
     * @param conf Hadoop's settings
     * @param folder where {@code round-K.csv} goes (created if needed)
     * @param round K
     * @param threshold the confidence below which an example gets 0 copies
     * @param teacher the run that labelled, for the comment line
     * @return the file
     * @throws IllegalArgumentException when the ids are not 0..N-1
     */
    static Path write(org.apache.hadoop.fs.Path table, org.apache.hadoop.conf.Configuration conf, Path folder, int round,
            double threshold, String teacher) {
        List<LabelTable.Row> rows = LabelTable.read(table, conf);
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
