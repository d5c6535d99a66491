package org.ssl4j.runtime.result;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@code compare}: every run, and per method a metric's mean and standard deviation
 * over the seeds with the paired difference to a baseline ({@link ResultTable}).
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
     * @return the table of these runs
     */
    public ResultTable table() {
        return new ResultTable(
                runs.stream()
                        .map(r -> new ResultTable.Entry(r.method(), r.seed(), r.metrics(), r.steps(), r.wallSeconds()))
                        .toList());
    }

    /**
     * @return one row per method, in config order, of the accuracy against the default baseline
     */
    public List<ResultTable.Row> rows() {
        ResultTable table = table();
        return table.rows(Metric.ACCURACY, table.defaultBaseline());
    }

    /**
     * @return the accuracy table as Markdown, against the default baseline ({@link
     *     ResultTable#toMarkdown})
     */
    public String toMarkdown() {
        ResultTable table = table();
        return table.toMarkdown(Metric.ACCURACY, table.defaultBaseline());
    }
}
