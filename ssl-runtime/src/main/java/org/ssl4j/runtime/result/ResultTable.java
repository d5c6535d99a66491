package org.ssl4j.runtime.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of a comparison: per method, one metric's mean and standard deviation over the seeds,
 * and the paired difference to a baseline method. Built from finished runs only, so a comparison
 * that stopped part way still has one.
 *
 * @param entries one per finished run, by method then seed
 */
public record ResultTable(List<Entry> entries) {

    /** Copies the list. */
    public ResultTable {
        entries = List.copyOf(entries);
    }

    /**
     * One finished run.
     *
     * @param method the method's display name
     * @param seed the seed
     * @param metrics its final metrics
     * @param steps steps run
     * @param wallSeconds wall-clock seconds
     */
    public record Entry(String method, long seed, Metrics metrics, long steps, double wallSeconds) {}

    /**
     * One row.
     *
     * @param method the method's display name
     * @param metric what the values are
     * @param seeds how many seeds ran
     * @param mean the mean over the seeds
     * @param std the sample standard deviation (0 for one seed)
     * @param values per seed, ascending seed order
     * @param steps the steps of one run
     * @param meanWallSeconds the mean wall time of one run
     * @param difference against the baseline; {@code null} in the baseline's row or when they share
     *     no seed
     */
    public record Row(
            String method,
            Metric metric,
            int seeds,
            double mean,
            double std,
            List<Double> values,
            long steps,
            double meanWallSeconds,
            PairedDifference difference) {}

    /**
     * @return the methods in the order of their first run
     */
    public List<String> methods() {
        return entries.stream().map(Entry::method).distinct().toList();
    }

    /**
     * @return {@code supervised} if a method has that name, else the first method
     */
    public String defaultBaseline() {
        List<String> methods = methods();
        return methods.contains("supervised") ? "supervised" : methods.isEmpty() ? null : methods.get(0);
    }

    /**
     * @param metric the metric
     * @param baseline the method to compare against
     * @return one row per method
     * @throws IllegalArgumentException when the baseline is not a method of the table, or the
     *     metric is not defined for these runs (top-5 with 5 classes or fewer)
     */
    public List<Row> rows(Metric metric, String baseline) {
        Map<String, Map<Long, Double>> values = values(metric);
        if (!values.isEmpty() && !values.containsKey(baseline)) {
            throw new IllegalArgumentException(
                    "baseline '" + baseline + "' is not a method with a finished run; methods: " + values.keySet());
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Map<Long, Double>> method : values.entrySet()) {
            List<Entry> runs = entries.stream().filter(e -> e.method().equals(method.getKey())).toList();
            List<Double> perSeed = List.copyOf(method.getValue().values());
            double mean = perSeed.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double variance =
                    perSeed.size() < 2
                            ? 0
                            : perSeed.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / (perSeed.size() - 1);
            PairedDifference difference =
                    method.getKey().equals(baseline)
                            ? null
                            : PairedDifference.of(method.getKey(), method.getValue(), baseline, values.get(baseline));
            rows.add(
                    new Row(
                            method.getKey(),
                            metric,
                            perSeed.size(),
                            mean,
                            Math.sqrt(variance),
                            perSeed,
                            runs.get(0).steps(),
                            runs.stream().mapToDouble(Entry::wallSeconds).average().orElse(0),
                            difference));
        }
        return rows;
    }

    private Map<String, Map<Long, Double>> values(Metric metric) {
        Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
        for (Entry entry : entries) {
            Double value = metric.of(entry.metrics());
            if (value == null) {
                throw new IllegalArgumentException(
                        "metric " + metric.configName() + " is not defined for these runs (top-5 needs more than "
                                + Metrics.TOP_K + " classes)");
            }
            values.computeIfAbsent(entry.method(), k -> new TreeMap<>()).put(entry.seed(), value);
        }
        return values;
    }

    /**
     * The table as Markdown, values in percent: method, seeds, mean ± std, the difference to the
     * baseline in points with its 95% interval (marked {@code †} where the interval covers 0),
     * the paired t-test's p-value, per-seed values, steps and mean wall time.
     *
     * @param metric the metric
     * @param baseline the method to compare against
     * @return the table
     */
    public String toMarkdown(Metric metric, String baseline) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "| method | seeds | %s (mean ± std) | Δ vs %s [95%% CI] | p | per seed | steps | wall s/run |%n",
                        metric.label(),
                        baseline));
        out.append("|---|---|---|---|---|---|---|---|\n");
        boolean covered = false;
        for (Row row : rows(metric, baseline)) {
            PairedDifference d = row.difference();
            covered |= d != null && d.coversZero();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %.2f ± %.2f %% | %s | %s | %s | %d | %.1f |%n",
                            row.method(),
                            row.seeds(),
                            100 * row.mean(),
                            100 * row.std(),
                            row.method().equals(baseline) ? "baseline" : differenceText(d),
                            d == null || d.pValue() == null ? "" : pValueText(d.pValue()),
                            String.join(
                                    " ",
                                    row.values().stream().map(a -> String.format(Locale.ROOT, "%.2f", 100 * a)).toList()),
                            row.steps(),
                            row.meanWallSeconds()));
        }
        if (covered) {
            out.append("\n† the 95% interval covers 0: no difference shown over these seeds.\n");
        }
        return out.toString();
    }

    /**
     * @param d a difference of fractions, or {@code null}
     * @return e.g. {@code +2.00 [+1.10, +2.90]} in points, {@code †} appended where the interval
     *     covers 0; {@code n/a} without shared seeds
     */
    public static String differenceText(PairedDifference d) {
        if (d == null) {
            return "n/a";
        }
        if (d.low() == null) {
            return String.format(Locale.ROOT, "%+.2f (1 seed)", 100 * d.mean());
        }
        return String.format(
                Locale.ROOT, "%+.2f [%+.2f, %+.2f]%s", 100 * d.mean(), 100 * d.low(), 100 * d.high(), d.coversZero() ? " †" : "");
    }

    /**
     * @param p a p-value
     * @return it with 2 significant digits, {@code <0.001} below that
     */
    public static String pValueText(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.2g", p);
    }
}
