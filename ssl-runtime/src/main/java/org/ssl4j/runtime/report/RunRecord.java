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
 * @param diagnostics the series of its {@code diagnostics} lines, value by global step: {@code
 *     accuracy/NETWORK}, {@code pseudoLabelAccuracy}, {@code keptPseudoLabelAccuracy}, {@code
 *     TERM/mean} and {@code TERM/std}; empty for a run without {@code train.diagnostics}
 */
record RunRecord(
        Path dir,
        RunSummary summary,
        Map<String, TreeMap<Long, Double>> losses,
        Map<String, TreeMap<Long, Double>> diagnostics) {

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
        RunSummary summary = RunSummary.read(dir);
        Map<String, TreeMap<Long, Double>> losses = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Double>> diagnostics = new LinkedHashMap<>();
        Path metrics = dir.resolve(RunFolder.METRICS);
        if (Files.isRegularFile(metrics)) {
            try {
                for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                    JsonNode node = parse(line);
                    if (node != null && "diagnostics".equals(node.path("kind").asText())) {
                        diagnostics(node, diagnostics);
                        continue;
                    }
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
        return new RunRecord(dir, summary, losses, diagnostics);
    }

    /** Adds a diagnostics line's values to the series. */
    private static void diagnostics(JsonNode node, Map<String, TreeMap<Long, Double>> series) {
        long step = node.path("globalStep").asLong();
        node.path("accuracy").fields().forEachRemaining(
                e -> put(series, "accuracy/" + e.getKey(), step, e.getValue()));
        put(series, "pseudoLabelAccuracy", step, node.path("pseudoLabelAccuracy"));
        put(series, "keptPseudoLabelAccuracy", step, node.path("keptPseudoLabelAccuracy"));
        node.path("terms").fields().forEachRemaining(e -> {
            put(series, e.getKey() + "/mean", step, e.getValue().path("mean"));
            put(series, e.getKey() + "/std", step, e.getValue().path("std"));
        });
    }

    private static void put(Map<String, TreeMap<Long, Double>> series, String name, long step, JsonNode value) {
        double number = value.asDouble(Double.NaN);
        if (value.isNumber() && Double.isFinite(number)) {
            series.computeIfAbsent(name, k -> new TreeMap<>()).put(step, number);
        }
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
