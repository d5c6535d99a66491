package org.ssl4j.runtime.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ssl4j.runtime.run.RunFolder;
import org.ssl4j.runtime.training.RunSummary;

/**
 * What the report needs of one finished run: its {@code summary.json}, and the logged values of
 * every loss term found in its {@code metrics.jsonl} (whatever the method names them).
 *
 * @param dir the run folder
 * @param summary the run's summary
 * @param losses per term, value by global step
 */
record RunRecord(Path dir, RunSummary summary, Map<String, TreeMap<Long, Double>> losses) {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param dir a run folder
     * @return whether the run finished (it has a summary)
     */
    static boolean finished(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFolder.SUMMARY));
    }

    /**
     * @param dir a finished run's folder
     * @return its record
     * @throws UncheckedIOException naming the file when a file cannot be read
     */
    static RunRecord read(Path dir) {
        Path summaryFile = dir.resolve(RunFolder.SUMMARY);
        RunSummary summary;
        try {
            summary = JSON.readValue(summaryFile.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summaryFile + ": " + e.getMessage(), e);
        }
        Map<String, TreeMap<Long, Double>> losses = new LinkedHashMap<>();
        Path metrics = dir.resolve(RunFolder.METRICS);
        if (Files.isRegularFile(metrics)) {
            try {
                for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                    JsonNode node = parse(line);
                    if (node == null || !"step".equals(node.path("kind").asText())) {
                        continue;
                    }
                    long step = node.path("globalStep").asLong();
                    Iterator<Map.Entry<String, JsonNode>> terms = node.path("losses").fields();
                    while (terms.hasNext()) {
                        Map.Entry<String, JsonNode> term = terms.next();
                        double value = term.getValue().asDouble(Double.NaN);
                        if (Double.isFinite(value)) {
                            losses.computeIfAbsent(term.getKey(), k -> new TreeMap<>()).put(step, value);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
            }
        }
        return new RunRecord(dir, summary, losses);
    }

    /** A line cut short by a crash is not JSON: it is skipped. */
    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    String method() {
        return summary.method();
    }

    long seed() {
        return summary.seed();
    }
}
