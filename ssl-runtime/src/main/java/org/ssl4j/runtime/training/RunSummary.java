package org.ssl4j.runtime.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.Metrics;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.run.Provenance;
import org.ssl4j.runtime.run.RunFolder;
import org.ssl4j.runtime.run.RunSpec;

/**
 * The content of a run's {@code summary.json}: the result, and enough provenance to understand
 * and repeat it.
 *
 * @param method the method's display name
 * @param seed the seed
 * @param accuracy final test accuracy
 * @param steps steps run
 * @param wallSeconds wall-clock seconds
 * @param network the evaluated network
 * @param data the data's description
 * @param classNames the data's class names, in class order
 * @param executor the executor's description
 * @param startedAt when the run started (ISO-8601, UTC)
 * @param finishedAt when it finished (ISO-8601, UTC)
 * @param provenance versions of the SPI, plugins, Java and engine, and the git commit
 * @param config the resolved config
 * @param evaluations every evaluation
 * @param metrics the full metrics of the last evaluation
 */
public record RunSummary(
        String method,
        long seed,
        double accuracy,
        long steps,
        double wallSeconds,
        String network,
        String data,
        List<String> classNames,
        String executor,
        String startedAt,
        String finishedAt,
        Provenance provenance,
        JsonNode config,
        List<Evaluation> evaluations,
        Metrics metrics) {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads a finished run's summary (fields it does not know, from a newer version, are skipped).
     *
     * @param runDir the run's folder
     * @return its {@code summary.json}
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static RunSummary read(Path runDir) {
        Path file = runDir.resolve(RunFolder.SUMMARY);
        try {
            return JSON.readValue(file.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static RunSummary of(RunSpec spec, TrainResult result, String executor, Instant startedAt) {
        JsonNode config;
        try {
            config = YAML.readTree(spec.resolvedConfig());
        } catch (IOException e) {
            throw new UncheckedIOException("resolved config is not valid YAML", e);
        }
        return new RunSummary(
                result.method(),
                result.seed(),
                result.accuracy(),
                result.steps(),
                result.wallSeconds(),
                result.network(),
                result.data().description(),
                result.data().classNames(),
                executor,
                startedAt.toString(),
                Instant.now().toString(),
                spec.provenance(),
                config,
                result.evaluations(),
                result.metrics());
    }
}
