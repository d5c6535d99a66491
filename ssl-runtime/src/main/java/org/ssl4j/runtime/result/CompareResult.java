package org.ssl4j.runtime.result;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of {@code compare}: every run, and per method the mean and standard deviation of
 * the final test accuracy over the seeds.
 *
 * @param name the config's name
 * @param outDir the comparison's folder
 * @param runs every run, by method then seed
 */
public record CompareResult(String name, Path outDir, List<TrainResult> runs) {

    /** Copies the list. */
    public CompareResult {
        runs = List.copyOf(runs);
    }

    /**
     * One row of the table.
     *
     * @param method the method's display name
     * @param seeds how many seeds ran
     * @param meanAccuracy the mean final accuracy
     * @param stdAccuracy the sample standard deviation (0 for one seed)
     * @param accuracies the per-seed accuracies, in seed order
     * @param steps the steps of one run
     * @param meanWallSeconds the mean wall time of one run
     */
    public record Row(
            String method,
            int seeds,
            double meanAccuracy,
            double stdAccuracy,
            List<Double> accuracies,
            long steps,
            double meanWallSeconds) {}

    /**
     * @return one row per method, in config order
     */
    public List<Row> rows() {
        Map<String, List<TrainResult>> byMethod = new LinkedHashMap<>();
        runs.forEach(r -> byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r));
        List<Row> rows = new ArrayList<>();
        byMethod.forEach(
                (method, results) -> {
                    List<Double> accuracies = results.stream().map(TrainResult::accuracy).toList();
                    double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                    double variance =
                            accuracies.size() < 2
                                    ? 0
                                    : accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum()
                                            / (accuracies.size() - 1);
                    rows.add(
                            new Row(
                                    method,
                                    results.size(),
                                    mean,
                                    Math.sqrt(variance),
                                    accuracies,
                                    results.get(0).steps(),
                                    results.stream().mapToDouble(TrainResult::wallSeconds).average().orElse(0)));
                });
        return rows;
    }

    /**
     * @return the table as Markdown: method, seeds, accuracy mean ± std (in percent), per-seed
     *     accuracies, steps, mean wall time
     */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| method | seeds | accuracy (mean ± std) | per seed | steps | wall s/run |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %.2f ± %.2f %% | %s | %d | %.1f |%n",
                            row.method(),
                            row.seeds(),
                            100 * row.meanAccuracy(),
                            100 * row.stdAccuracy(),
                            String.join(
                                    " ",
                                    row.accuracies().stream()
                                            .map(a -> String.format(Locale.ROOT, "%.2f", 100 * a))
                                            .toList()),
                            row.steps(),
                            row.meanWallSeconds()));
        }
        return out.toString();
    }
}
