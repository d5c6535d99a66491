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
import org.ssl4j.runtime.result.TrainResult;

/**
 * The top folder of a comparison:
 *
 * <pre>
 * config.yaml    the resolved config
 * METHOD/seed-N/ one run folder per method and seed
 * results.json   per method and seed: final test accuracy, steps, wall time, run folder; per
 *                method: mean and std
 * results.md     the table
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
     * @param result every run of the comparison
     */
    public void writeResults(CompareResult result) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (TrainResult run : result.runs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", run.method());
            row.put("seed", run.seed());
            row.put("accuracy", run.accuracy());
            row.put("steps", run.steps());
            row.put("wallSeconds", run.wallSeconds());
            row.put("runDir", root.relativize(run.runDir()).toString());
            runs.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", result.name());
        json.put("methods", result.rows());
        json.put("runs", runs);
        try {
            write(RESULTS_JSON, JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RESULTS_JSON, e);
        }
        write(RESULTS_MD, "# " + result.name() + "\n\n" + result.toMarkdown());
    }

    private void write(String name, String text) {
        try {
            Files.writeString(root.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(name), e);
        }
    }
}
