package org.ssl4j.api.config;

import java.util.List;

/**
 * Range checks for the compact constructors of config records. Each throws {@link
 * InvalidConfigException} naming the field, the allowed values and the value it got.
 *
 * <pre>{@code
 * public record HardLabelsConfig(double threshold) implements PseudoLabelStrategyConfig {
 *     public HardLabelsConfig { Checks.inUnitInterval("threshold", threshold); }
 * }
 * }</pre>
 */
public final class Checks {

    private Checks() {}

    /**
     * @param field the field name
     * @param value the value
     * @return the value
     * @throws InvalidConfigException unless {@code value > 0}
     */
    public static long positive(String field, long value) {
        if (value <= 0) {
            throw new InvalidConfigException(field, "must be a positive whole number, got " + value);
        }
        return value;
    }

    /**
     * @param field the field name
     * @param value the value
     * @return the value
     * @throws InvalidConfigException unless {@code value >= 0}
     */
    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidConfigException(field, "must be 0 or more, got " + value);
        }
        return value;
    }

    /**
     * @param field the field name
     * @param value the value
     * @return the value
     * @throws InvalidConfigException unless the value is finite and {@code > 0}
     */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidConfigException(field, "must be a finite number > 0, got " + value);
        }
        return value;
    }

    /**
     * @param field the field name
     * @param value the value
     * @return the value
     * @throws InvalidConfigException unless the value is finite and {@code >= 0}
     */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidConfigException(field, "must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /**
     * @param field the field name
     * @param value the value
     * @return the value
     * @throws InvalidConfigException unless {@code 0 <= value <= 1}
     */
    public static double inUnitInterval(String field, double value) {
        return inRange(field, value, 0, 1);
    }

    /**
     * For shares that must stay below one: label smoothing, a decay, a dropout rate.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     * @throws InvalidConfigException unless {@code 0 <= value < 1}
     */
    public static double belowOne(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidConfigException(field, "must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * @param field the field name
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     * @throws InvalidConfigException unless {@code min <= value <= max}
     */
    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidConfigException(
                    field, "must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /**
     * @param field the field name
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     * @throws InvalidConfigException unless {@code min <= value <= max}
     */
    public static long inRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidConfigException(
                    field, "must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /**
     * @param field the field name
     * @param value the value
     * @param <T> the value's type
     * @return the value
     * @throws InvalidConfigException when the value is null (the field was left out)
     */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidConfigException(field, "is required");
        }
        return value;
    }

    /**
     * @param field the field name
     * @param values the list, possibly null
     * @param <T> the element type
     * @return an immutable copy, empty for null
     * @throws InvalidConfigException when an element is null
     */
    public static <T> List<T> listOf(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidConfigException(field + "[" + i + "]", "must not be empty");
            }
        }
        return List.copyOf(values);
    }
}
