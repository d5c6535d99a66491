package org.ssl4j.data.tabular;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The rows of one CSV file as text cells, each with the line it starts on, read with Jackson's
 * CSV parser (quoting, escaped quotes and line breaks inside quotes as RFC 4180). Every row must
 * have as many cells as the header (or the first row, when the file has no header).
 *
 * @param file the file read
 * @param columns the column names: the header's, or {@code 1 .. n} when the file has none
 * @param rows the data rows, in file order
 */
record CsvRows(Path file, List<String> columns, List<Row> rows) {

    /**
     * One data row.
     *
     * @param line the 1-based line of the file the row starts on
     * @param cells its cells, trimmed, one per column
     */
    record Row(long line, String[] cells) {}

    private static final CsvFactory FACTORY = CsvFactory.builder().build();

    /**
     * Reads a whole file ({@code .gz} files are decompressed).
     *
     * @param file the file
     * @param separator the column separator
     * @param header whether the first row (after {@code skipRows}) names the columns
     * @param skipRows rows to skip at the start (e.g. a line of counts before the data)
     * @return the rows
     * @throws CsvFileException for a missing or empty file, malformed CSV or a ragged row
     * @throws IOException when the file cannot be read
     */
    static CsvRows read(Path file, char separator, boolean header, int skipRows) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CsvFileException(file, 0, "no such file");
        }
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withoutHeader();
        List<String> columns = null;
        List<Row> rows = new ArrayList<>();
        try (Reader reader = open(file);
                CsvParser parser = FACTORY.createParser(reader)) {
            parser.setSchema(schema);
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.enable(CsvParser.Feature.TRIM_SPACES);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new CsvFileException(file, 0, "the file has no rows");
            }
            long index = 0;
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                long line = -1;
                List<String> cells = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (line < 0) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                }
                if (index++ < skipRows) {
                    continue;
                }
                if (columns == null) {
                    columns = header ? checkHeader(file, line, cells) : numbered(cells.size());
                    if (header) {
                        continue;
                    }
                }
                if (cells.size() != columns.size()) {
                    throw new CsvFileException(
                            file, line, "the row has " + cells.size() + " cells, the "
                                    + (header ? "header" : "first row") + " has " + columns.size());
                }
                rows.add(new Row(line, cells.toArray(String[]::new)));
            }
        } catch (JsonParseException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CsvFileException(file, line, "malformed CSV: " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new CsvFileException(file, 0, "no such file");
        }
        if (columns == null || rows.isEmpty()) {
            throw new CsvFileException(file, 0, "the file has no data rows");
        }
        return new CsvRows(file, List.copyOf(columns), List.copyOf(rows));
    }

    /**
     * @param name a column name
     * @return its 0-based position, or -1
     */
    int indexOf(String name) {
        return columns.indexOf(name);
    }

    private static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static List<String> checkHeader(Path file, long line, List<String> cells) throws CsvFileException {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).isEmpty()) {
                throw new CsvFileException(file, line, "header cell " + (i + 1) + " is empty; every column needs a name");
            }
            if (cells.subList(0, i).contains(cells.get(i))) {
                throw new CsvFileException(file, line, "the header names column '" + cells.get(i) + "' twice");
            }
        }
        return cells;
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
