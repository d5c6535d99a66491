package org.ssl4j.runtime.config;

/**
 * A config the user must fix: it names the source (a file name or {@code <inline>}), where in
 * it the problem is (a line and column for malformed text, a config path such as {@code
 * methods.fixmatch.pseudoLabels.threshold} for a bad value) and what is wrong and allowed.
 *
 * <p>{@link #getMessage()} is the whole text, meant to be shown as it is, without a stack trace:
 * {@code two-moons.yaml: train.steps: expected a whole number, got 'abc'}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * A problem with a value, or with the whole source when {@code path} is empty.
     *
     * @param source the file name, or {@code <inline>}
     * @param path the dotted config path of the value, empty for the whole source
     * @param problem what is wrong and what is allowed
     * @param cause the exception that revealed it, or null
     */
    public ConfigException(String source, String path, String problem, Throwable cause) {
        this(source, 0, 0, path, problem, cause);
    }

    /**
     * A problem at a place in the text, such as malformed YAML.
     *
     * @param source the file name, or {@code <inline>}
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     * @param problem what is wrong
     * @param cause the exception that revealed it, or null
     */
    public ConfigException(String source, int line, int column, String problem, Throwable cause) {
        this(source, line, column, "", problem, cause);
    }

    private ConfigException(
            String source, int line, int column, String path, String problem, Throwable cause) {
        super(format(source, line, column, path, problem), cause);
        this.source = source;
        this.line = Math.max(line, 0);
        this.column = line > 0 ? Math.max(column, 0) : 0;
        this.path = path;
        this.problem = problem;
    }

    /**
     * @return the file name, or {@code <inline>}
     */
    public String source() {
        return source;
    }

    /**
     * @return the 1-based line of the problem, or 0 when it is not about a place in the text
     */
    public int line() {
        return line;
    }

    /**
     * @return the 1-based column of the problem, or 0 when unknown
     */
    public int column() {
        return column;
    }

    /**
     * @return the dotted config path of the bad value (lists as {@code [i]}), or empty
     */
    public String path() {
        return path;
    }

    /**
     * @return what is wrong and what is allowed, without the source and path
     */
    public String problem() {
        return problem;
    }

    private static String format(
            String source, int line, int column, String path, String problem) {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(problem).toString();
    }
}
