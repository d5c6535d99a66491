package org.ssl4j.data.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;
import org.ssl4j.data.tabular.ColumnEncoder.Located;

/**
 * The {@code csv} data source: a table of numeric and categorical columns and a label column in
 * which an empty cell means unlabeled.
 *
 * <p>Splits: the test split is the {@code testFile}'s rows (every one labeled) or, without one, a
 * {@code testShare} of the labeled rows held out at random. The remaining rows are the training
 * pool; all of them form the unlabeled split (the labeled ones too, as in the SSL literature).
 * The labeled split is the pool's labeled rows, or {@code labeledPerClass} of each class drawn
 * at random from them (the others' labels are then hidden: a table that is fully labeled becomes
 * a semi-supervised problem). All randomness derives from {@link DataContext#seed()}.
 *
 * <p>Features: every column that is not the label, not {@code ignore}d and not {@code
 * categorical} is numeric. Numeric columns are standardised with the training pool's mean and
 * standard deviation (a constant column is only centred); categorical columns become one-hot
 * vectors or category indices. Missing (empty) cells are an error naming file, line and column,
 * or with {@code missing: impute} take the pool's mean (numeric) or most frequent category.
 *
 * @param file the CSV file; required ({@code .gz} is decompressed)
 * @param testFile a CSV file of labeled test rows with the same columns; optional
 * @param testShare share of the labeled rows held out as the test split when there is no test
 *     file; default 0.2, in (0, 1)
 * @param header whether the first row (after {@code skipRows}) names the columns; default true.
 *     Without a header the columns are named by position: {@code "1"}, {@code "2"}, ...
 * @param skipRows rows to skip before the header or the data; default 0
 * @param separator the column separator, one character; default {@code ,}
 * @param label the label column; required
 * @param categorical the categorical columns; default none
 * @param ignore columns to leave out (ids, free text); default none
 * @param encoding {@code one-hot} (default) or {@code index} for categorical columns
 * @param missing {@code error} (default) or {@code impute}
 * @param standardize standardise numeric columns; default true
 * @param labeledPerClass keep at most this many labels of each class; default: every label
 * @param classes the class names in label order; default: the sorted distinct labels of the
 *     training file (numerically sorted when all are numbers). A label outside them, in either
 *     file, is an error naming its line
 */
public record CsvConfig(
        String file,
        String testFile,
        Double testShare,
        Boolean header,
        Integer skipRows,
        String separator,
        String label,
        List<String> categorical,
        List<String> ignore,
        String encoding,
        String missing,
        Boolean standardize,
        Integer labeledPerClass,
        List<String> classes)
        implements DataSourceConfig {

    /** Values of {@code encoding}. */
    public static final List<String> ENCODINGS = List.of("one-hot", "index");
    /** Values of {@code missing}. */
    public static final List<String> MISSING = List.of("error", "impute");

    private static final long TEST_STREAM = 1;
    private static final long LABELED_STREAM = 2;

    /** Applies the defaults and checks every field. */
    public CsvConfig {
        Checks.required("file", file);
        Checks.required("label", label);
        if (testFile != null && testShare != null) {
            throw new InvalidConfigException("testShare", "give either testFile or testShare, not both");
        }
        testShare = testFile != null ? null : testShare == null ? 0.2 : testShare;
        if (testShare != null && !(testShare > 0 && testShare < 1)) {
            throw new InvalidConfigException("testShare", "must be in (0, 1), got " + testShare);
        }
        header = header == null || header;
        skipRows = skipRows == null ? 0 : skipRows;
        Checks.nonNegative("skipRows", skipRows);
        separator = separator == null ? "," : separator;
        if (separator.length() != 1) {
            throw new InvalidConfigException("separator", "must be one character, got '" + separator + "'");
        }
        categorical = categorical == null ? List.of() : Checks.listOf("categorical", categorical);
        ignore = ignore == null ? List.of() : Checks.listOf("ignore", ignore);
        encoding = encoding == null ? "one-hot" : encoding;
        oneOf("encoding", encoding, ENCODINGS);
        missing = missing == null ? "error" : missing;
        oneOf("missing", missing, MISSING);
        standardize = standardize == null || standardize;
        if (labeledPerClass != null) {
            Checks.positive("labeledPerClass", labeledPerClass);
        }
        if (classes != null) {
            classes = Checks.listOf("classes", classes);
            if (classes.size() < 2 || new TreeSet<>(classes).size() != classes.size()) {
                throw new InvalidConfigException("classes", "must name at least 2 distinct classes, got " + classes);
            }
        }
        for (String column : categorical) {
            if (column.equals(label) || ignore.contains(column)) {
                throw new InvalidConfigException("categorical", "column '" + column + "' is also the label or ignored");
            }
        }
        if (ignore.contains(label)) {
            throw new InvalidConfigException("ignore", "column '" + label + "' is the label");
        }
    }

    /**
     * Reads the file(s) and builds the splits in {@code context.manager()}.
     *
     * @param context the seed and the run's manager
     * @return the splits; examples of shape {@code (features)}
     * @throws CsvFileException naming file, line and column for any cell, row or column at fault
     * @throws IOException when a file cannot be read
     */
    @Override
    public SslData load(DataContext context) throws IOException {
        Path trainPath = Path.of(file);
        CsvRows train = CsvRows.read(trainPath, separator.charAt(0), header, skipRows);
        int labelIndex = column(train, label);
        List<Integer> categoricalIndices = new ArrayList<>();
        for (String name : categorical) {
            categoricalIndices.add(column(train, name));
        }
        List<Integer> features = new ArrayList<>();
        for (int i = 0; i < train.columns().size(); i++) {
            if (i != labelIndex && !ignore.contains(train.columns().get(i))) {
                features.add(i);
            }
        }
        for (String name : ignore) {
            column(train, name);
        }
        if (features.isEmpty()) {
            throw new CsvFileException(trainPath, 0, "no feature column is left after the label and ignore");
        }
        CsvRows test = null;
        if (testFile != null) {
            test = CsvRows.read(Path.of(testFile), separator.charAt(0), header, skipRows);
            if (!test.columns().equals(train.columns())) {
                throw new CsvFileException(test.file(), 0, "its columns " + test.columns()
                        + " differ from those of " + trainPath + ": " + train.columns());
            }
        }
        List<String> classNames = classes != null ? classes : inferClasses(train, labelIndex);
        Map<String, Integer> classIds = new LinkedHashMap<>();
        classNames.forEach(name -> classIds.put(name, classIds.size()));

        List<Located> labeledRows = new ArrayList<>();
        List<Located> unlabeledRows = new ArrayList<>();
        for (CsvRows.Row row : train.rows()) {
            Located located = new Located(trainPath, row);
            if (row.cells()[labelIndex].isEmpty()) {
                unlabeledRows.add(located);
            } else {
                classOf(located, labelIndex, classIds);
                labeledRows.add(located);
            }
        }
        List<Located> testRows = new ArrayList<>();
        Random split = new Random(derive(context.seed(), TEST_STREAM));
        if (test != null) {
            for (CsvRows.Row row : test.rows()) {
                Located located = new Located(test.file(), row);
                if (row.cells()[labelIndex].isEmpty()) {
                    throw new CsvFileException(test.file(), row.line(),
                            "column '" + label + "' (" + (labelIndex + 1) + "): a test row needs a label");
                }
                classOf(located, labelIndex, classIds);
                testRows.add(located);
            }
        } else {
            List<Located> shuffled = new ArrayList<>(labeledRows);
            Collections.shuffle(shuffled, split);
            int held = (int) Math.round(testShare * shuffled.size());
            if (held < 1 || held >= shuffled.size()) {
                throw new InvalidConfigException("testShare", "holds out " + held + " of the file's "
                        + shuffled.size() + " labeled rows; at least one must be held out and one kept");
            }
            testRows.addAll(shuffled.subList(0, held));
        }
        Set<CsvRows.Row> heldOut = Collections.newSetFromMap(new IdentityHashMap<>());
        testRows.forEach(row -> heldOut.add(row.row()));
        labeledRows.removeIf(row -> heldOut.contains(row.row()));
        List<Located> pool = new ArrayList<>();
        for (CsvRows.Row row : train.rows()) {
            if (!heldOut.contains(row)) {
                pool.add(new Located(trainPath, row));
            }
        }
        List<Located> labeled = pickLabeled(labeledRows, labelIndex, classIds, context.seed());
        List<Located> all = new ArrayList<>(pool);
        all.addAll(testRows);
        ColumnEncoder encoder = new ColumnEncoder(
                train.columns(),
                features,
                categoricalIndices,
                encoding.equals("one-hot"),
                missing.equals("impute"),
                standardize,
                pool,
                all);
        NDManager manager = context.manager();
        String description = String.format(
                "csv %s: %d features, %d classes; %d labeled%s, %d unlabeled, %d test%s; seed %d",
                trainPath, encoder.width(), classNames.size(), labeled.size(),
                labeledPerClass == null ? "" : " (at most " + labeledPerClass + " per class)",
                pool.size(), testRows.size(),
                test == null ? " (held out: " + testShare + " of the labeled rows)" : " from " + testFile,
                context.seed());
        DataSpec spec = new DataSpec(new Shape(encoder.width()), classNames.size(), classNames, description);
        return new SslData(
                spec,
                dataset(manager, encoder, labeled, labelIndex, classIds, true),
                dataset(manager, encoder, pool, labelIndex, classIds, false),
                dataset(manager, encoder, testRows, labelIndex, classIds, true));
    }

    private List<Located> pickLabeled(
            List<Located> rows, int labelIndex, Map<String, Integer> classIds, long seed) throws CsvFileException {
        if (labeledPerClass == null) {
            return rows;
        }
        Random random = new Random(derive(seed, LABELED_STREAM));
        List<List<Located>> byClass = new ArrayList<>();
        classIds.forEach((name, id) -> byClass.add(new ArrayList<>()));
        for (Located row : rows) {
            byClass.get(classOf(row, labelIndex, classIds)).add(row);
        }
        List<Located> kept = new ArrayList<>();
        for (List<Located> ofClass : byClass) {
            Collections.shuffle(ofClass, random);
            kept.addAll(ofClass.subList(0, Math.min(labeledPerClass, ofClass.size())));
        }
        kept.sort(Comparator.comparingLong(r -> r.row().line()));
        return kept;
    }

    private ArrayDataset dataset(
            NDManager manager,
            ColumnEncoder encoder,
            List<Located> rows,
            int labelIndex,
            Map<String, Integer> classIds,
            boolean labeled)
            throws CsvFileException {
        int width = encoder.width();
        float[] values = new float[rows.size() * width];
        int[] labels = new int[rows.size()];
        boolean allLabeled = true;
        for (int i = 0; i < rows.size(); i++) {
            encoder.encode(rows.get(i), values, i * width);
            if (rows.get(i).row().cells()[labelIndex].isEmpty()) {
                allLabeled = false;
            } else {
                labels[i] = classOf(rows.get(i), labelIndex, classIds);
            }
        }
        NDArray data = manager.create(values, new Shape(rows.size(), width));
        ArrayDataset.Builder builder = new ArrayDataset.Builder().setData(data).setSampling(rows.size(), false);
        if (labeled || allLabeled) {
            builder.optLabels(manager.create(labels, new Shape(rows.size())));
        }
        return builder.build();
    }

    private int classOf(Located row, int labelIndex, Map<String, Integer> classIds) throws CsvFileException {
        String cell = row.row().cells()[labelIndex];
        Integer id = classIds.get(cell);
        if (id == null) {
            throw new CsvFileException(row.file(), row.row().line(), "column '" + label + "' (" + (labelIndex + 1)
                    + "): '" + cell + "' is not a known class; classes: " + String.join(", ", classIds.keySet()));
        }
        return id;
    }

    private static int column(CsvRows rows, String name) throws CsvFileException {
        int index = rows.indexOf(name);
        if (index < 0) {
            throw new CsvFileException(rows.file(), 0, "no column '" + name + "'; its columns are "
                    + (rows.columns().size() > 12 && rows.columns().get(0).equals("1")
                            ? "1 .. " + rows.columns().size() + " (no header: columns are named by position)"
                            : String.join(", ", rows.columns())));
        }
        return index;
    }

    /** The distinct labels of the training file, numerically sorted when all are numbers. */
    private static List<String> inferClasses(CsvRows train, int labelIndex) {
        TreeSet<String> seen = new TreeSet<>();
        for (CsvRows.Row row : train.rows()) {
            if (!row.cells()[labelIndex].isEmpty()) {
                seen.add(row.cells()[labelIndex]);
            }
        }
        List<String> names = new ArrayList<>(seen);
        if (names.stream().allMatch(CsvConfig::isNumber)) {
            names.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return names;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new InvalidConfigException(field, "must be one of " + allowed + ", got '" + value + "'");
        }
    }

    /** Mixes the run's seed and a stream number into an independent seed (SplitMix64). */
    private static long derive(long seed, long stream) {
        long z = seed + stream * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
