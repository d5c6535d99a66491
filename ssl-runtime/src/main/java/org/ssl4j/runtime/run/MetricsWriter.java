package org.ssl4j.runtime.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ssl4j.runtime.result.Diagnostics;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.RunStart;
import org.ssl4j.runtime.result.StepEvent;

/**
 * Writes {@code metrics.jsonl}: one line per logged step ({@code "kind": "step"}, with the
 * losses) and one per evaluation ({@code "kind": "eval"}). Each line is appended and the file
 * closed at once, so a crashed run keeps its history and nothing stays open.
 *
 * <p>Step lines carry {@code residentBytes}, the process's resident memory (Linux), so a long
 * run's memory can be followed (see {@code bench/soak.sh}).
 *
 * <p>A fresh run starts the file empty. A resumed run keeps the lines up to the checkpoint's
 * global step and drops the later ones (written after the checkpoint, before the crash), which
 * the resumed run writes again: the file has each step and evaluation once.
 */
public final class MetricsWriter implements RunListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /**
     * @param folder the run folder; its metrics file is (re)started when the run starts
     */
    public MetricsWriter(RunFolder folder) {
        this.file = folder.metricsFile();
    }

    /**
     * Empties the file for a fresh run; for a resumed one keeps only the lines whose {@code
     * globalStep} is at most {@link RunStart#resumedAt()}.
     */
    @Override
    public void runStarted(RunStart start) {
        try {
            List<String> kept = new ArrayList<>();
            if (start.resumedAt() > 0 && Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonNode node = parse(line);
                    if (node != null && node.path("globalStep").asLong(Long.MAX_VALUE) <= start.resumedAt()) {
                        kept.add(line);
                    }
                }
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, kept, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + file, e);
        }
    }

    /** A line cut short by a crash is not JSON: it is dropped. */
    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void stepFinished(StepEvent step) {
        if (!step.logged()) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "step");
        line.put("phase", step.phase());
        line.put("step", step.step() + 1);
        line.put("globalStep", step.globalStep() + 1);
        line.put("losses", new TreeMap<>(step.losses()));
        line.put("examplesPerSecond", step.examplesPerSecond());
        line.put("elapsedSeconds", step.elapsedSeconds());
        ResidentMemory.bytes().ifPresent(bytes -> line.put("residentBytes", bytes));
        write(line);
    }

    @Override
    public void evaluated(Evaluation evaluation) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "eval");
        line.put("phase", evaluation.phase());
        line.put("step", evaluation.step());
        line.put("globalStep", evaluation.globalStep());
        line.put("network", evaluation.network());
        line.put("accuracy", evaluation.accuracy());
        line.put("examples", evaluation.examples());
        if (evaluation.top5Accuracy() != null) {
            line.put("top5Accuracy", evaluation.top5Accuracy());
        }
        line.put("balancedAccuracy", evaluation.balancedAccuracy());
        line.put("macroF1", evaluation.macroF1());
        line.put("calibrationError", evaluation.calibrationError());
        if (evaluation.validationAccuracy() != null) {
            line.put("validationAccuracy", evaluation.validationAccuracy());
        }
        write(line);
    }

    /**
     * Writes a {@code "kind": "diagnostics"} line: {@code accuracy} by network, {@code
     * pseudoLabels}, {@code pseudoLabelAccuracy} and {@code keptPseudoLabelAccuracy} (when there
     * were labels, and kept ones), {@code keptPseudoLabels}, {@code steps} and {@code terms} (by
     * name: {@code mean}, {@code std}, {@code steps}).
     */
    @Override
    public void diagnosed(Diagnostics diagnostics) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "diagnostics");
        line.put("phase", diagnostics.phase());
        line.put("step", diagnostics.step());
        line.put("globalStep", diagnostics.globalStep());
        line.put("accuracy", new TreeMap<>(diagnostics.accuracy()));
        line.put("pseudoLabels", diagnostics.pseudoLabels());
        if (diagnostics.pseudoLabelAccuracy() != null) {
            line.put("pseudoLabelAccuracy", diagnostics.pseudoLabelAccuracy());
        }
        if (diagnostics.keptPseudoLabelAccuracy() != null) {
            line.put("keptPseudoLabelAccuracy", diagnostics.keptPseudoLabelAccuracy());
        }
        line.put("keptPseudoLabels", diagnostics.keptPseudoLabels());
        line.put("steps", diagnostics.steps());
        Map<String, Object> terms = new TreeMap<>();
        diagnostics.terms().forEach((name, term) -> terms.put(name, term));
        line.put("terms", terms);
        write(line);
    }

    private void write(Map<String, Object> line) {
        try {
            Files.writeString(
                    file,
                    JSON.writeValueAsString(line) + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
