package org.ssl4j.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.StepEvent;

/**
 * Writes {@code metrics.jsonl}: one line per logged step ({@code "kind": "step"}, with the
 * losses) and one per evaluation ({@code "kind": "eval"}). Each line is appended and the file
 * closed at once, so a crashed run keeps its history and nothing stays open.
 */
public final class MetricsWriter implements RunListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /**
     * @param folder the run folder; its metrics file is created empty
     */
    public MetricsWriter(RunFolder folder) {
        this.file = folder.metricsFile();
        try {
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
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
        line.put("losses", step.losses());
        line.put("examplesPerSecond", step.examplesPerSecond());
        line.put("elapsedSeconds", step.elapsedSeconds());
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
