package org.ssl4j.data.tabular;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the feature cells of CSV rows into numbers, with every statistic fit on the training
 * pool only: a numeric column's mean and standard deviation (for standardisation and for
 * imputation), a categorical column's most frequent category (for imputation). A categorical
 * column's categories are the sorted distinct values of the training and test rows (category
 * names carry no label, so seeing the test file's does not leak).
 *
 * <p>Layout of an encoded row: the feature columns in file order; a numeric column or an
 * index-encoded categorical column gives one value, a one-hot column one value per category.
 */
final class ColumnEncoder {

    /** A feature column: its position in the row, its name, and whether it is categorical. */
    private record Column(int index, String name, boolean categorical) {}

    private final List<Column> columns;
    private final boolean oneHot;
    private final boolean impute;
    private final Map<Integer, List<String>> categories = new HashMap<>();
    private final Map<Integer, String> mostFrequent = new HashMap<>();
    private final Map<Integer, double[]> meanAndScale = new HashMap<>();
    private final int width;

    /**
     * Fits the encoder.
     *
     * @param columnNames every column of the file, in order
     * @param features positions of the feature columns, ascending
     * @param categorical positions of the categorical columns among them
     * @param oneHot one-hot (true) or index (false) encoding of categorical columns
     * @param impute fill a missing cell (true) or refuse it (false)
     * @param standardize scale numeric columns to mean 0 and standard deviation 1 over the pool
     * @param pool the training pool's rows (statistics are fit on them)
     * @param all every row that will be encoded, for the categories
     * @throws CsvFileException for a non-numeric cell in a numeric column or a missing cell under
     *     {@code missing: error}, naming line and column
     */
    ColumnEncoder(
            List<String> columnNames,
            List<Integer> features,
            List<Integer> categorical,
            boolean oneHot,
            boolean impute,
            boolean standardize,
            List<Located> pool,
            List<Located> all)
            throws CsvFileException {
        this.oneHot = oneHot;
        this.impute = impute;
        List<Column> list = new ArrayList<>();
        for (int index : features) {
            list.add(new Column(index, columnNames.get(index), categorical.contains(index)));
        }
        this.columns = List.copyOf(list);
        int total = 0;
        for (Column column : columns) {
            if (column.categorical()) {
                TreeSet<String> seen = new TreeSet<>();
                Map<String, Integer> counts = new HashMap<>();
                for (Located row : all) {
                    String cell = row.row().cells()[column.index()];
                    if (!cell.isEmpty()) {
                        seen.add(cell);
                    }
                }
                for (Located row : pool) {
                    String cell = row.row().cells()[column.index()];
                    if (!cell.isEmpty()) {
                        counts.merge(cell, 1, Integer::sum);
                    }
                }
                categories.put(column.index(), List.copyOf(seen));
                counts.entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(
                                Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                        .ifPresent(e -> mostFrequent.put(column.index(), e.getKey()));
                total += oneHot ? Math.max(1, seen.size()) : 1;
            } else {
                double sum = 0;
                double squares = 0;
                long count = 0;
                for (Located row : pool) {
                    Double value = number(row, column);
                    if (value != null) {
                        sum += value;
                        squares += value * value;
                        count++;
                    }
                }
                double mean = count == 0 ? 0 : sum / count;
                double variance = count == 0 ? 0 : Math.max(0, squares / count - mean * mean);
                double scale = standardize && variance > 1e-24 ? Math.sqrt(variance) : 1;
                meanAndScale.put(column.index(), new double[] {mean, standardize ? mean : 0, scale});
                total += 1;
            }
        }
        this.width = total;
    }

    /**
     * @return the number of values in an encoded row
     */
    int width() {
        return width;
    }

    /**
     * Encodes one row into {@code out[offset .. offset + width())}.
     *
     * @param row the row and its file
     * @param out where the values go
     * @param offset the first position to write
     * @throws CsvFileException for a bad or missing cell, naming line and column
     */
    void encode(Located row, float[] out, int offset) throws CsvFileException {
        int at = offset;
        for (Column column : columns) {
            if (column.categorical()) {
                String cell = row.row().cells()[column.index()];
                if (cell.isEmpty()) {
                    cell = missing(row, column, mostFrequent.get(column.index()));
                }
                List<String> known = categories.get(column.index());
                int id = known.indexOf(cell);
                if (oneHot) {
                    out[at + id] = 1f;
                    at += Math.max(1, known.size());
                } else {
                    out[at++] = id;
                }
            } else {
                Double value = number(row, column);
                double[] stats = meanAndScale.get(column.index());
                if (value == null) {
                    missing(row, column, "");
                    value = stats[0];
                }
                out[at++] = (float) ((value - stats[1]) / stats[2]);
            }
        }
    }

    /** Parses a numeric cell; null when it is empty. */
    private static Double number(Located row, Column column) throws CsvFileException {
        String cell = row.row().cells()[column.index()];
        if (cell.isEmpty()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw cellError(row, column, "'" + cell + "' is not a number (the column is numeric; list it"
                    + " under categorical or ignore if it holds text)");
        }
        if (!Double.isFinite(value)) {
            throw cellError(row, column, "'" + cell + "' is not a finite number");
        }
        return value;
    }

    private String missing(Located row, Column column, String fill) throws CsvFileException {
        if (!impute || fill == null) {
            throw cellError(row, column, impute
                    ? "the cell is empty and the training pool has no value of this column to impute"
                    : "the cell is empty (a missing value); set missing: impute to fill it from the training pool");
        }
        return fill;
    }

    private static CsvFileException cellError(Located row, Column column, String problem) {
        return new CsvFileException(
                row.file(), row.row().line(), "column '" + column.name() + "' (" + (column.index() + 1) + "): " + problem);
    }

    /**
     * A row with the file it came from.
     *
     * @param file the file
     * @param row the row
     */
    record Located(Path file, CsvRows.Row row) {}
}
