package org.ssl4j.api.config;

/**
 * A config value that breaks its component's rules, thrown from a config record's constructor.
 *
 * <p>It names the field relative to the record ({@code threshold}); the runtime prefixes the
 * record's place in the config file ({@code method.pseudoLabels.threshold}) when it reports it.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the field's name inside its record, or a dotted path inside it
     * @param problem what is wrong and what is allowed, e.g. {@code "must be in [0, 1], got 1.5"}
     */
    public InvalidConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /**
     * @return the field's name inside its record
     */
    public String field() {
        return field;
    }

    /**
     * @return what is wrong and what is allowed, without the field name
     */
    public String problem() {
        return problem;
    }
}
