package org.ssl4j.testkit;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.Set;

/**
 * A config a plugin's contract test reads, writes and runs: one JSON object with a {@code type}
 * field, as it would appear in a config file's section, plus the data it is run on.
 *
 * <p>Give at least one sample per component the plugin registers, with only the required fields
 * set (so that the defaults are exercised); more samples may set optional fields. Nested
 * components (a method's backbone and optimizer) may use any component on the test class path,
 * for example the kit's own {@code testkit-linear} backbone and {@code testkit-sgd} optimizer.
 *
 * @param kind the component kind's config interface, e.g. {@code AuxiliaryLossConfig.class}
 * @param json the section as JSON, e.g. {@code {"type": "entropy"}}
 * @param exampleShape one example's shape of the data the component is run on: {@code (2)} for
 *     vectors, {@code (1, 8, 8)} for small images
 * @param classes the class count of that data, at least 2
 * @param unsetDefaults optional fields that stay null when left out, because their default comes
 *     from the data at load time (e.g. {@code idx}'s {@code classNames}) or because their absence
 *     switches a feature off (e.g. {@code mpl}'s {@code finetune}); top-level fields of the section
 *     only; every other field must have its default after reading
 */
public record ConfigSample(
        Class<?> kind, String json, Shape exampleShape, int classes, Set<String> unsetDefaults) {

    /** The data a sample runs on unless it says otherwise: 2-d vectors, 3 classes. */
    public static final Shape VECTORS = new Shape(2);

    /** Checks that every part is present and the class count is at least 2. */
    public ConfigSample {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(exampleShape, "exampleShape");
        unsetDefaults = Set.copyOf(unsetDefaults);
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
    }

    /**
     * A sample run on 2-d vectors with 3 classes.
     *
     * @param kind the component kind's config interface
     * @param json the section as JSON
     * @return the sample
     */
    public static ConfigSample of(Class<?> kind, String json) {
        return new ConfigSample(kind, json, VECTORS, 3, Set.of());
    }

    /**
     * The same sample on other data (images for an image augmentation or backbone).
     *
     * @param classCount the class count, at least 2
     * @param shape one example's shape, e.g. {@code 1, 8, 8}
     * @return a new sample
     */
    public ConfigSample on(int classCount, long... shape) {
        return new ConfigSample(kind, json, new Shape(shape), classCount, unsetDefaults);
    }

    /**
     * The same sample, with fields whose default is only known when the data is loaded.
     *
     * @param fields the fields that may stay null after reading
     * @return a new sample
     */
    public ConfigSample withUnsetDefaults(String... fields) {
        return new ConfigSample(kind, json, exampleShape, classes, Set.of(fields));
    }

    @Override
    public String toString() {
        return kind.getSimpleName() + " " + json.strip().replaceAll("\\s+", " ");
    }
}
