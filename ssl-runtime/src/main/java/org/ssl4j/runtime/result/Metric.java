package org.ssl4j.runtime.result;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A metric a comparison's table can be about ({@code ssl4j compare --metric NAME}). */
public enum Metric {
    /** Top-1 accuracy. */
    ACCURACY("accuracy", "accuracy", true, Metrics::accuracy),
    /** Top-5 accuracy (more than 5 classes only). */
    TOP5_ACCURACY("top5Accuracy", "top-5 accuracy", true, Metrics::top5Accuracy),
    /** Mean per-class accuracy. */
    BALANCED_ACCURACY("balancedAccuracy", "balanced accuracy", true, Metrics::balancedAccuracy),
    /** Macro-averaged F1. */
    MACRO_F1("macroF1", "macro-F1", true, Metrics::macroF1),
    /** Expected calibration error: lower is better. */
    CALIBRATION_ERROR("calibrationError", "calibration error (ECE)", false, Metrics::calibrationError);

    private final String configName;
    private final String label;
    private final boolean higherIsBetter;
    private final Function<Metrics, Double> value;

    Metric(String configName, String label, boolean higherIsBetter, Function<Metrics, Double> value) {
        this.configName = configName;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.value = value;
    }

    /**
     * @return the name in files and on the command line, as in {@code summary.json}
     */
    public String configName() {
        return configName;
    }

    /**
     * @return the name in tables and plots
     */
    public String label() {
        return label;
    }

    /**
     * @return whether a larger value is better (all but the calibration error)
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * @param metrics an evaluation's metrics
     * @return this metric's value, {@code null} where it is not defined (top-5 with 5 classes or
     *     fewer)
     */
    public Double of(Metrics metrics) {
        return value.apply(metrics);
    }

    /**
     * @param name a {@link #configName()}
     * @return the metric
     * @throws IllegalArgumentException naming the allowed names
     */
    public static Metric fromName(String name) {
        return Arrays.stream(values())
                .filter(m -> m.configName.equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown metric '" + name + "'; allowed: "
                                                + Arrays.stream(values())
                                                        .map(Metric::configName)
                                                        .collect(Collectors.joining(", "))));
    }
}
