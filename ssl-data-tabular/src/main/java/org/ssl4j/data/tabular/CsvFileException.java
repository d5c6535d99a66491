package org.ssl4j.data.tabular;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A CSV file that exists but does not hold what the {@code csv} data source was told to expect:
 * a ragged row, a text in a numeric column, a label that is not a known class, a missing value
 * under {@code missing: error}, a column the config names that the file lacks. The message starts
 * with {@code FILE:LINE:} and names the column.
 */
public final class CsvFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file the file at fault
     * @param line the 1-based line where the row at fault starts, or 0 for the file as a whole
     * @param problem what is wrong, naming the column, and what was expected
     */
    public CsvFileException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /**
     * @return the file at fault
     */
    public Path file() {
        return file;
    }

    /**
     * @return the 1-based line of the row at fault, 0 for the whole file
     */
    public long line() {
        return line;
    }
}
