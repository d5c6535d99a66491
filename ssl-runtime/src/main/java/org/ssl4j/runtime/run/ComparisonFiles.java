package org.ssl4j.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.Metric;
import org.ssl4j.runtime.result.ResultTable;
import org.ssl4j.runtime.result.TrainResult;

/**
 * The top folder of a comparison:
 *
 * <pre>
 * config.yaml    the resolved config
 * METHOD/seed-N/ one run folder per method and seed
 * results.json   per method and seed: final metrics, steps, wall time, run folder; per method
 *                and metric: mean, std, values and the paired difference to the baseline; the
 *                runs that did not finish
 * results.md     the table of one metric
 * report.html    the report, plots/ its figures as PNG (runtime.report.Report)
 * </pre>
 */
public final class ComparisonFiles {

    /** Name of the JSON results. */
    public static final String RESULTS_JSON = "results.json";
    /** Name of the Markdown table. */
    public static final String RESULTS_MD = "results.md";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    /**
     * @param root the comparison's folder, created if needed
     */
    public ComparisonFiles(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /**
     * @param yaml the resolved config
     */
    public void writeConfig(String yaml) {
        write(RunFolder.CONFIG, yaml);
    }

    /**
     * Writes {@code results.json} and {@code results.md}.
     *
     * @param result the runs that finished
     * @param metric the metric of the Markdown table
     * @param baseline the method the differences are against
     * @param unfinished the runs that did not finish ("METHOD seed N"), empty for a whole
     *     comparison
     */
    public void writeResults(CompareResult result, Metric metric, String baseline, List<String> unfinished) {
        ResultTable table = result.table();
        Map<String, Map<String, Object>> methods = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            if (result.runs().stream().anyMatch(r -> m.of(r.metrics()) == null)) {
                continue;
            }
            for (ResultTable.Row row : table.rows(m, baseline)) {
                Map<String, Object> method =
                        methods.computeIfAbsent(
                                row.method(),
                                name -> {
                                    Map<String, Object> entry = new LinkedHashMap<>();
                                    entry.put("method", name);
                                    entry.put("seeds", row.seeds());
                                    entry.put("steps", row.steps());
                                    entry.put("meanWallSeconds", row.meanWallSeconds());
                                    entry.put("metrics", new LinkedHashMap<String, Object>());
                                    return entry;
                                });
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("mean", row.mean());
                value.put("std", row.std());
                value.put("values", row.values());
                value.put("difference", row.difference());
                @SuppressWarnings("unchecked")
                Map<String, Object> metrics = (Map<String, Object>) method.get("metrics");
                metrics.put(m.configName(), value);
            }
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (TrainResult run : result.runs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", run.method());
            row.put("seed", run.seed());
            row.put("accuracy", run.accuracy());
            row.put("steps", run.steps());
            row.put("wallSeconds", run.wallSeconds());
            row.put("runDir", root.relativize(run.runDir()).toString());
            row.put("metrics", run.metrics());
            runs.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", result.name());
        json.put("baseline", baseline);
        json.put("unfinished", unfinished);
        json.put("methods", methods.values());
        json.put("runs", runs);
        try {
            write(RESULTS_JSON, JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RESULTS_JSON, e);
        }
        String note =
                unfinished.isEmpty()
                        ? ""
                        : "\nDid not finish (not in the table): " + String.join(", ", unfinished) + ".\n";
        write(RESULTS_MD, "# " + result.name() + "\n\n" + table.toMarkdown(metric, baseline) + note);
    }

    private void write(String name, String text) {
        try {
            Files.writeString(root.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(name), e);
        }
    }
}
